import { GiftCampaignEditor } from './gift-campaign-editor.tsx';
import { GiftsOverview } from './gifts-overview.tsx';
import './gifts.css';

/** `/a/:accountId/engagement/gifts[/campaigns/new | /campaigns/<id>]`: stats, campaigns and gifts; the campaign editor. */
export function GiftsSection({ rest }: { rest: string[] }) {
  const [first, second] = rest;
  if (first === 'campaigns' && second) return <GiftCampaignEditor campaignId={second === 'new' ? null : second} />;
  return <GiftsOverview />;
}
