import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: number[];
}

export const AXIS_STYLE = { stroke: '#545b69', grid: { stroke: '#e3e6eb', width: 1 }, ticks: { stroke: '#e3e6eb', width: 1 } };
/** Counts are whole numbers: no 2.5-conversation grid lines. */
export const COUNT_AXIS = {
  ...AXIS_STYLE,
  size: 44,
  incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
  values: (_u: uPlot, splits: number[]) => splits.map((split) => String(Math.round(split))),
};

/** Keeps a uPlot instance as wide as its container (phones included). */
export function useUplot(build: (width: number) => uPlot.Options, data: uPlot.AlignedData, deps: unknown[]) {
  const containerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const width = Math.max(240, container.clientWidth);
    const chart = new uPlot(build(width), data, container);
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.max(240, Math.floor(entry?.contentRect.width ?? width));
      if (next !== chart.width) chart.setSize({ width: next, height: chart.height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return containerRef;
}

const DAY_SECONDS = 86_400;
/** Ticks a whole number of days apart, so a short range does not print one date several times. */
const DAY_INCREMENTS = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365].map((days) => days * DAY_SECONDS);

/** Daily counts over time; `dates` are YYYY-MM-DD and drawn at local midnight. */
export function DailyLineChart({ dates, series, formatDay, height = 240 }: {
  dates: string[];
  series: ChartSeries[];
  formatDay(date: Date): string;
  height?: number;
}) {
  const xs = dates.map((date) => new Date(`${date}T00:00:00`).getTime() / 1000);
  const ref = useUplot(
    (width) => ({
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
      axes: [
        { ...AXIS_STYLE, incrs: DAY_INCREMENTS, values: (_u, splits) => splits.map((split) => formatDay(new Date(split * 1000))) },
        COUNT_AXIS,
      ],
      series: [{}, ...series.map((item) => ({ label: item.label, stroke: item.color, width: 2, points: { show: dates.length <= 31 } }))],
    }),
    [xs, ...series.map((item) => item.values)],
    [JSON.stringify(dates), JSON.stringify(series), height],
  );
  return <div ref={ref} className="report-chart" aria-hidden="true" />;
}

/** One bar per category (channels); uPlot's bar path builder on an index x scale. */
export function CategoryBarChart({ categories, values, color, height = 220 }: {
  categories: string[];
  values: number[];
  color: string;
  height?: number;
}) {
  const xs = categories.map((_category, index) => index);
  const bars = uPlot.paths.bars?.({ size: [0.6, 64], align: 0 });
  const ref = useUplot(
    (width) => {
      // Narrow screens tilt the channel names so they do not run into each other.
      const tilt = (width - 60) / Math.max(1, categories.length) < 84;
      return {
        width,
        height: tilt ? height + 40 : height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: () => [-0.5, Math.max(0.5, categories.length - 0.5)] },
          y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        },
        axes: [
          {
            ...AXIS_STYLE,
            grid: { show: false },
            splits: () => xs,
            values: (_u, splits) => splits.map((split) => categories[split] ?? ''),
            rotate: tilt ? -40 : 0,
            size: tilt ? 80 : 40,
          },
          COUNT_AXIS,
        ],
        series: [{}, { label: 'count', stroke: color, fill: color, width: 0, paths: bars, points: { show: false } }],
      };
    },
    [xs, values],
    [JSON.stringify(categories), JSON.stringify(values), color, height],
  );
  return <div ref={ref} className="report-chart" aria-hidden="true" />;
}
