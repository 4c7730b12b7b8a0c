import { useId, useState, type FormEvent } from 'react';
import type { DayRange, SurveyFigures, SurveyKind } from '../../../api/survey-endpoints.ts';
import { useI18n, type Translate } from '../../../i18n/i18n-context.tsx';

const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last `days` UTC days, today included (survey reports count whole UTC days). */
export function lastDays(days: number, today = new Date()): DayRange {
  return { from: toDay(new Date(today.getTime() - (days - 1) * 86_400_000)), to: toDay(today) };
}

/** The figure a survey kind is judged by, formatted: NPS −100…100, CSAT %, CES mean. */
export function formatHeadline(kind: SurveyKind, figures: Pick<SurveyFigures, 'nps' | 'csatPercent' | 'cesAverage'>, formatNumber: (value: number) => string) {
  if (kind === 'nps') return figures.nps === null ? '—' : `${figures.nps > 0 ? '+' : ''}${formatNumber(figures.nps)}`;
  if (kind === 'csat') return figures.csatPercent === null ? '—' : `${formatNumber(figures.csatPercent)}%`;
  return figures.cesAverage === null ? '—' : formatNumber(figures.cesAverage);
}

export function headlineLabel(kind: SurveyKind, t: Translate) {
  return kind === 'nps' ? t('surveys.nps') : kind === 'csat' ? t('surveys.csat') : t('surveys.ces');
}

export function describeAbout(about: { kind: string | null; id: string | null } | null, t: Translate) {
  const kind = about?.kind ?? null;
  if (kind === 'order') return t('surveys.about.order');
  if (kind === 'return') return t('surveys.about.return');
  if (kind === 'channel') return t('surveys.about.channel', { id: about?.id ?? '' });
  if (kind === 'journey') return t('surveys.about.journey');
  return t('surveys.about.none');
}

const PRESETS = [7, 30, 90] as const;

/** Presets and a custom from–to form; the range is whole UTC days. */
export function SurveyRangePicker({ range, onChange }: { range: DayRange; onChange(range: DayRange): void }) {
  const { t } = useI18n();
  const id = useId();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const invalid = from > to;
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (from && to && !invalid) onChange({ from, to });
  }
  return (
    <div className="survey-range">
      <div className="segmented" role="group" aria-label={t('surveys.range')}>
        <ul>
          {PRESETS.map((days) => {
            const preset = lastDays(days);
            const pressed = preset.from === range.from && preset.to === range.to;
            return (
              <li key={days}>
                <button type="button" className="segmented-item" aria-pressed={pressed} onClick={() => { setFrom(preset.from); setTo(preset.to); onChange(preset); }}>
                  {t('surveys.lastDays', { count: days })}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <form className="survey-range-form" onSubmit={handleSubmit}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('surveys.from')}</label>
          <input id={`${id}-from`} type="date" className="input" required value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('surveys.to')}</label>
          <input id={`${id}-to`} type="date" className="input" required value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <button type="submit" className="button button-secondary" disabled={invalid}>{t('surveys.apply')}</button>
      </form>
    </div>
  );
}
