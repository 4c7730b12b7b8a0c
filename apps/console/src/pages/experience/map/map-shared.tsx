import { useId, useState, type FormEvent } from 'react';
import type { DateRange, Satisfaction, TouchpointSummary } from '../../../api/touchpoint-endpoints.ts';
import { describeChannel } from '../../../components/channel-label.ts';
import { useI18n, type Translate } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { computeLastDays } from '../../../dates/last-days.ts';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';

const RANGE_KEY = 'touchpoint-map-range';
const PRESETS = [7, 30, 90] as const;

/** The map's range, kept for the browser tab so the map, a touchpoint and the investment panel share it. */
export function useMapRange(): [DateRange, (range: DateRange) => void] {
  const { timeZone } = useCurrentAccount();
  const [range, setRange] = useState<DateRange>(() => {
    try {
      const stored = JSON.parse(sessionStorage.getItem(RANGE_KEY) ?? 'null') as DateRange | null;
      if (stored?.from && stored.to) return stored;
    } catch {
      // An unreadable value falls back to the default range.
    }
    return computeLastDays(30, new Date(), timeZone);
  });
  return [range, (next) => {
    sessionStorage.setItem(RANGE_KEY, JSON.stringify(next));
    setRange(next);
  }];
}

export function MapRangePicker({ range, onChange }: { range: DateRange; onChange(range: DateRange): void }) {
  const { t } = useI18n();
  const { timeZone } = useCurrentAccount();
  const id = useId();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const invalid = from !== '' && to !== '' && from > to;
  const preset = PRESETS.find((days) => {
    const candidate = computeLastDays(days, new Date(), timeZone);
    return candidate.from === range.from && candidate.to === range.to;
  });

  function handleApply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (from && to && !invalid) onChange({ from, to });
  }

  return (
    <div className="tp-range" role="group" aria-label={t('touchpoints.range')}>
      <div className="segmented">
        <ul>
          {PRESETS.map((days) => (
            <li key={days}>
              <button type="button" className="segmented-item" aria-pressed={preset === days} onClick={() => {
                const next = computeLastDays(days, new Date(), timeZone);
                setFrom(next.from);
                setTo(next.to);
                onChange(next);
              }}>
                {t('touchpoints.lastDays', { count: days })}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <form className="tp-range-custom" onSubmit={handleApply}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('touchpoints.from')}</label>
          <input id={`${id}-from`} type="date" className="input" required value={from} max={to || undefined} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('touchpoints.to')}</label>
          <input id={`${id}-to`} type="date" className="input" required value={to} min={from || undefined} onChange={(event) => setTo(event.target.value)} />
        </div>
        <button type="submit" className="button button-secondary" disabled={invalid}>{t('touchpoints.apply')}</button>
      </form>
    </div>
  );
}

export type SatisfactionTone = 'good' | 'fair' | 'poor' | 'none';

/** The card colour: CSAT when there are CSAT answers, else NPS; grey with no answers. */
export function rateSatisfaction(satisfaction: Satisfaction): SatisfactionTone {
  if (satisfaction.csat) return satisfaction.csat.satisfiedRate >= 0.8 ? 'good' : satisfaction.csat.satisfiedRate < 0.6 ? 'poor' : 'fair';
  if (satisfaction.nps) return satisfaction.nps.score >= 30 ? 'good' : satisfaction.nps.score < 0 ? 'poor' : 'fair';
  return 'none';
}

export function kindLabel(t: Translate, kind: string): string {
  return t(`touchpoints.kind.${kind}` as MessageKey) ?? kind;
}

/** The directory's name; a channel by its type; otherwise kind and a short id. */
export function touchpointLabel(t: Translate, touchpoint: Pick<TouchpointSummary, 'kind' | 'id' | 'name'>): string {
  if (touchpoint.kind === 'channel') return `${kindLabel(t, 'channel')}: ${describeChannel(touchpoint.id ?? touchpoint.name ?? '', t)}`;
  if (touchpoint.name) return touchpoint.name;
  return touchpoint.id ? `${kindLabel(t, touchpoint.kind)} ${touchpoint.id.slice(0, 8)}` : kindLabel(t, touchpoint.kind);
}

export function useSatisfactionText() {
  const { t, formatNumber } = useI18n();
  return (satisfaction: Satisfaction): string => {
    const parts: string[] = [];
    if (satisfaction.csat) parts.push(t('touchpoints.csat', { rate: `${Math.round(satisfaction.csat.satisfiedRate * 100)}%`, n: formatNumber(satisfaction.csat.n) }));
    if (satisfaction.nps) parts.push(t('touchpoints.nps', { score: satisfaction.nps.score, n: formatNumber(satisfaction.nps.n) }));
    if (satisfaction.ces) parts.push(t('touchpoints.ces', { average: satisfaction.ces.average, n: formatNumber(satisfaction.ces.n) }));
    return parts.length > 0 ? parts.join(' · ') : t('touchpoints.noAnswers');
  };
}

export function useConversionText() {
  const { t, formatNumber } = useI18n();
  return (conversion: TouchpointSummary['conversion']): string => {
    if (!conversion) return '—';
    return t('touchpoints.conversionOf', {
      rate: conversion.rate === null ? '—' : `${Math.round(conversion.rate * 1000) / 10}%`,
      label: t(`touchpoints.conversion.${conversion.label}`),
      numerator: formatNumber(conversion.numerator),
      denominator: formatNumber(conversion.denominator),
    });
  };
}
