import { GameEditor } from './game-editor.tsx';
import { GameList } from './game-list.tsx';
import { GameDetail } from './game-detail.tsx';
import './games.css';

/** `/a/:accountId/engagement/games/…`: the list, `new`, `<id>` (results, publish/end, evidence), `<id>/edit`. */
export function GamesSection({ rest }: { rest: string[] }) {
  const [first, second] = rest;
  if (!first) return <GameList />;
  if (first === 'new') return <GameEditor campaignId={null} />;
  if (second === 'edit') return <GameEditor campaignId={first} />;
  return <GameDetail campaignId={first} />;
}
