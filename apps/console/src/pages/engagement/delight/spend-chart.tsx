import uPlot from 'uplot';
import type { DelightReport } from '../../../api/delight-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { AXIS_STYLE, useUplot } from '../../reports/report-charts.tsx';

const BUDGET_COLOR = '#c9d3e3';
const SPENT_COLOR = '#2f6fb0';

/**
 * Spent against budget per agent, this period: a wide pale bar for the budget with a narrow dark bar for what is
 * spent inside it. Amounts in major units of each agent's budget currency; the table below carries the exact figures.
 */
export function SpendChart({ agents }: { agents: DelightReport['agents'] }) {
  const { t } = useI18n();
  const xs = agents.map((_agent, index) => index);
  const budget = agents.map((agent) => agent.budgetMinor / 100);
  const spent = agents.map((agent) => agent.spentMinor / 100);
  const wide = uPlot.paths.bars?.({ size: [0.7, 80], align: 0 });
  const narrow = uPlot.paths.bars?.({ size: [0.35, 40], align: 0 });
  const ref = useUplot(
    (width) => ({
      width, height: 220, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false, range: () => [-0.5, Math.max(0.5, agents.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max * 1.1))] } },
      axes: [
        { ...AXIS_STYLE, grid: { show: false }, splits: () => xs, values: (_u, splits) => splits.map((split) => agents[split]?.name ?? '') },
        { ...AXIS_STYLE, size: 56 },
      ],
      series: [{}, { label: 'budget', stroke: BUDGET_COLOR, fill: BUDGET_COLOR, width: 0, paths: wide, points: { show: false } }, { label: 'spent', stroke: SPENT_COLOR, fill: SPENT_COLOR, width: 0, paths: narrow, points: { show: false } }],
    }),
    [xs, budget, spent],
    [JSON.stringify(agents)],
  );
  return (
    <figure className="delight-chart">
      <div ref={ref} className="report-chart" aria-hidden="true" />
      <figcaption className="delight-chart-legend">
        <span><i className="delight-swatch" style={{ background: BUDGET_COLOR }} aria-hidden="true" />{t('delight.budget')}</span>
        <span><i className="delight-swatch" style={{ background: SPENT_COLOR }} aria-hidden="true" />{t('delight.spent')}</span>
      </figcaption>
    </figure>
  );
}
