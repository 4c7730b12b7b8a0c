import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { buildTouchpointsCsvUrl } from '../../../api/touchpoint-endpoints.ts';
import { CustomerJourneyView } from './customer-journey-view.tsx';
import { InvestmentPanel } from './investment-panel.tsx';
import { MapRangePicker, useMapRange } from './map-shared.tsx';
import { TouchpointMapView, TouchpointTableView } from './map-overview.tsx';
import { TouchpointDetailView } from './touchpoint-detail.tsx';
import './map.css';

type View = 'map' | 'table' | 'investment';
const VIEWS: readonly View[] = ['map', 'table', 'investment'];
const VIEW_LABELS = { map: 'touchpoints.viewMap', table: 'touchpoints.viewTable', investment: 'touchpoints.viewInvestment' } as const;

/**
 * `/a/:accountId/experience/map[/table|/investment]`: the map, its table and the service-investment panel;
 * `/map/touchpoint/:kind[/:id]`: one touchpoint; `/map/customer/:contactId`: one customer's journey.
 */
export function TouchpointMapSection({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [range, setRange] = useMapRange();
  const [first, second, third] = rest;
  if (first === 'customer' && second) return <CustomerJourneyView contactId={second} />;
  if (first === 'touchpoint' && second) return <TouchpointDetailView kind={second} id={third ?? null} range={range} onRangeChange={setRange} />;
  const view: View = first === 'table' || first === 'investment' ? first : 'map';
  return (
    <div className="tp-map-page">
      <PageHeader
        title={t('touchpoints.title')}
        description={t('touchpoints.description')}
        actions={view === 'investment' ? null : <a className="button button-secondary" href={buildTouchpointsCsvUrl(account.id, range)} download>{t('touchpoints.exportCsv')}</a>}
      />
      <div className="tp-toolbar">
        <nav className="segmented" aria-label={t('touchpoints.view')}>
          <ul>
            {VIEWS.map((item) => (
              <li key={item}>
                <Link className="segmented-item" to={item === 'map' ? paths.experience(account.id, 'map') : paths.experience(account.id, 'map', item)} aria-current={item === view ? 'page' : undefined}>
                  {t(VIEW_LABELS[item])}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <MapRangePicker key={`${range.from}:${range.to}`} range={range} onChange={setRange} />
      </div>
      {view === 'map' ? <TouchpointMapView range={range} /> : view === 'table' ? <TouchpointTableView range={range} /> : <InvestmentPanel range={range} />}
    </div>
  );
}
