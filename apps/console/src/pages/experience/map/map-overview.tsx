import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { getTouchpointMap, LIFECYCLE_STAGES, type DateRange, type TouchpointMap, type TouchpointSummary } from '../../../api/touchpoint-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { rateSatisfaction, touchpointLabel, useConversionText, useSatisfactionText } from './map-shared.tsx';

export function touchpointPath(accountId: string, touchpoint: Pick<TouchpointSummary, 'kind' | 'id'>): string {
  return touchpoint.id ? paths.experience(accountId, 'map', 'touchpoint', touchpoint.kind, touchpoint.id) : paths.experience(accountId, 'map', 'touchpoint', touchpoint.kind);
}

function useMapData(range: DateRange) {
  const account = useCurrentAccount();
  return useResource<TouchpointMap>((signal) => getTouchpointMap(account.id, range, signal), [account.id, range.from, range.to]);
}

function MapLoaded({ range, children }: { range: DateRange; children(map: TouchpointMap): React.ReactNode }) {
  const { t } = useI18n();
  const { data, error } = useMapData(range);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <LoadingState />;
  if (data.touchpoints.every((touchpoint) => touchpoint.events === 0 && touchpoint.suppressed === 0)) return <EmptyState title={t('touchpoints.empty')} />;
  return <>{children(data)}</>;
}

function Legend() {
  const { t } = useI18n();
  return (
    <div className="tp-legend">
      <h2 className="tp-legend-title">{t('touchpoints.legend')}</h2>
      <ul>
        <li><span className="tp-swatch tp-tone-good" aria-hidden="true" />{t('touchpoints.legendGood')}</li>
        <li><span className="tp-swatch tp-tone-fair" aria-hidden="true" />{t('touchpoints.legendFair')}</li>
        <li><span className="tp-swatch tp-tone-poor" aria-hidden="true" />{t('touchpoints.legendPoor')}</li>
        <li><span className="tp-swatch tp-tone-none" aria-hidden="true" />{t('touchpoints.legendNone')}</li>
      </ul>
      <p>{t('touchpoints.legendSize')}</p>
    </div>
  );
}

interface Arrow { key: string; d: string; width: number }

/** Draws the most common moves between stages as curves from card to card (decoration: the list below says the same). */
function FlowArrows({ flows }: { flows: TouchpointMap['flows'] }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [arrows, setArrows] = useState<{ width: number; height: number; items: Arrow[] }>({ width: 0, height: 0, items: [] });
  const signature = JSON.stringify(flows);
  useLayoutEffect(() => {
    // The card grid this overlay sits in (its parent), read here because a parent's ref is not set yet in a child's effect.
    const container = svgRef.current?.parentElement;
    if (!container) return;
    const measure = () => {
      const box = container.getBoundingClientRect();
      const max = Math.max(1, ...flows.map((flow) => flow.count));
      const find = (key: string) => container.querySelector<HTMLElement>(`[data-touchpoint="${CSS.escape(key)}"]`);
      const items = flows.flatMap((flow): Arrow[] => {
        const from = find(flow.from)?.getBoundingClientRect();
        const to = find(flow.to)?.getBoundingClientRect();
        if (!from || !to) return [];
        const forward = to.left >= from.left;
        const x1 = (forward ? from.right : from.left) - box.left + container.scrollLeft;
        const x2 = (forward ? to.left : to.right) - box.left + container.scrollLeft;
        const y1 = from.top + from.height / 2 - box.top;
        const y2 = to.top + to.height / 2 - box.top;
        const bend = forward ? 36 : -36;
        return [{ key: `${flow.from}>${flow.to}`, d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`, width: 1 + (4 * flow.count) / max }];
      });
      setArrows({ width: container.scrollWidth, height: container.scrollHeight, items });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  return (
    <svg ref={svgRef} className="tp-arrows" aria-hidden="true" width={arrows.width} height={arrows.height}>
      <defs>
        <marker id="tp-arrowhead" viewBox="0 0 6 6" refX="5" refY="3" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0,0 L6,3 L0,6 z" fill="#4338ca" />
        </marker>
      </defs>
      {arrows.items.map((arrow) => <path key={arrow.key} d={arrow.d} stroke="#4338ca" strokeOpacity={0.45} strokeWidth={arrow.width} fill="none" markerEnd="url(#tp-arrowhead)" />)}
    </svg>
  );
}

/** Stages as columns, one card per touchpoint sized by volume and coloured by satisfaction, then the common next steps. */
export function TouchpointMapView({ range }: { range: DateRange }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const satisfactionText = useSatisfactionText();
  const conversionText = useConversionText();
  return (
    <MapLoaded range={range}>
      {(map) => {
        const max = Math.max(1, ...map.touchpoints.map((touchpoint) => touchpoint.events));
        const labels = new Map(map.touchpoints.map((touchpoint) => [touchpoint.key, touchpointLabel(t, touchpoint)]));
        const stageOf = new Map(map.touchpoints.map((touchpoint) => [touchpoint.key, touchpoint.stage]));
        const flows = map.flows.filter((flow) => stageOf.get(flow.from) !== stageOf.get(flow.to)).slice(0, 10);
        return (
          <>
            <Legend />
            <div className="tp-stages">
              <FlowArrows flows={flows.slice(0, 6)} />
              {LIFECYCLE_STAGES.map((stage) => (
                <section key={stage} className="tp-stage" aria-labelledby={`tp-stage-${stage}`}>
                  <h2 id={`tp-stage-${stage}`} className="tp-stage-title">{t(`touchpoints.stage.${stage}`)}</h2>
                  <ul className="tp-cards">
                    {map.touchpoints.filter((touchpoint) => touchpoint.stage === stage).map((touchpoint) => (
                      <li key={touchpoint.key}>
                        <Link
                          to={touchpointPath(account.id, touchpoint)}
                          data-touchpoint={touchpoint.key}
                          className={`tp-card tp-tone-${rateSatisfaction(touchpoint.satisfaction)}`}
                          style={{ minHeight: `${4 + Math.round(Math.sqrt(touchpoint.events / max) * 6)}rem` }}
                        >
                          <span className="tp-card-name">{labels.get(touchpoint.key)}</span>
                          <span className="tp-card-figures">{t('touchpoints.events')}: {formatNumber(touchpoint.events)} · {t('touchpoints.customers')}: {formatNumber(touchpoint.customers)}</span>
                          <span className="tp-card-figures">{satisfactionText(touchpoint.satisfaction)}</span>
                          {touchpoint.conversion ? <span className="tp-card-figures">{conversionText(touchpoint.conversion)}</span> : null}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
            {flows.length > 0 ? (
              <section className="tp-flows" aria-labelledby="tp-flows-title">
                <h2 id="tp-flows-title">{t('touchpoints.flows')}</h2>
                <ol>
                  {flows.map((flow) => (
                    <li key={`${flow.from}>${flow.to}`}>
                      <span>{labels.get(flow.from) ?? flow.from}</span>
                      <span className="tp-arrow" aria-hidden="true"> → </span>
                      <span className="visually-hidden"> → </span>
                      <span>{labels.get(flow.to) ?? flow.to}</span>
                      <span className="tp-flow-count"> ({t('touchpoints.flowCount', { count: formatNumber(flow.count) })})</span>
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </>
        );
      }}
    </MapLoaded>
  );
}

type SortColumn = 'name' | 'stage' | 'events' | 'customers' | 'satisfaction' | 'conversion' | 'suppressed';
const COLUMNS: { id: SortColumn; label: 'touchpoints.name' | 'touchpoints.stage' | 'touchpoints.events' | 'touchpoints.customers' | 'touchpoints.satisfaction' | 'touchpoints.conversion' | 'touchpoints.suppressed' }[] = [
  { id: 'name', label: 'touchpoints.name' },
  { id: 'stage', label: 'touchpoints.stage' },
  { id: 'events', label: 'touchpoints.events' },
  { id: 'customers', label: 'touchpoints.customers' },
  { id: 'satisfaction', label: 'touchpoints.satisfaction' },
  { id: 'conversion', label: 'touchpoints.conversion' },
  { id: 'suppressed', label: 'touchpoints.suppressed' },
];

function sortValue(touchpoint: TouchpointSummary, column: SortColumn, label: string): string | number {
  switch (column) {
    case 'name': return label.toLowerCase();
    case 'stage': return LIFECYCLE_STAGES.indexOf(touchpoint.stage);
    case 'satisfaction': return touchpoint.satisfaction.csat?.satisfiedRate ?? (touchpoint.satisfaction.nps ? (touchpoint.satisfaction.nps.score + 100) / 200 : -1);
    case 'conversion': return touchpoint.conversion?.rate ?? -1;
    default: return touchpoint[column];
  }
}

/** The same figures as a sortable table (column headers are buttons; aria-sort tells the order). */
export function TouchpointTableView({ range }: { range: DateRange }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const satisfactionText = useSatisfactionText();
  const conversionText = useConversionText();
  const [sort, setSort] = useState<{ column: SortColumn; descending: boolean }>({ column: 'events', descending: true });
  const { data } = useMapData(range);
  const rows = useMemo(() => {
    const labelled = (data?.touchpoints ?? []).map((touchpoint) => ({ touchpoint, label: touchpointLabel(t, touchpoint) }));
    return labelled.sort((a, b) => {
      const left = sortValue(a.touchpoint, sort.column, a.label);
      const right = sortValue(b.touchpoint, sort.column, b.label);
      const order = left < right ? -1 : left > right ? 1 : 0;
      return sort.descending ? -order : order;
    });
  }, [data, sort, t]);
  return (
    <MapLoaded range={range}>
      {() => (
        <div className="table-scroll">
          <table className="table tp-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column.id} scope="col" aria-sort={sort.column === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="tp-sort" aria-label={t('touchpoints.sortBy', { column: t(column.label) })} onClick={() => setSort((current) => ({ column: column.id, descending: current.column === column.id ? !current.descending : column.id !== 'name' && column.id !== 'stage' }))}>
                      {t(column.label)}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ touchpoint, label }) => (
                <tr key={touchpoint.key}>
                  <th scope="row"><Link to={touchpointPath(account.id, touchpoint)}>{label}</Link></th>
                  <td>{t(`touchpoints.stage.${touchpoint.stage}`)}</td>
                  <td className="numeric">{formatNumber(touchpoint.events)}</td>
                  <td className="numeric">{formatNumber(touchpoint.customers)}</td>
                  <td>{satisfactionText(touchpoint.satisfaction)}</td>
                  <td>{conversionText(touchpoint.conversion)}</td>
                  <td className="numeric">{formatNumber(touchpoint.suppressed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </MapLoaded>
  );
}
