import type { JourneyStatus } from '../../../api/journey-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

export function JourneyStatusBadge({ status }: { status: JourneyStatus }) {
  const { t } = useI18n();
  return <span className={`badge journey-status journey-status-${status}`}>{t(`journeys.status.${status}`)}</span>;
}
