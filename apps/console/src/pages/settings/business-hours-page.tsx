import { useId, useMemo, useState } from 'react';
import { getAccount } from '../../api/endpoints.ts';
import {
  createBusinessHours, deleteBusinessHours, listBusinessHours, updateBusinessHours, type BusinessHours, type BusinessHoursInput, type WeeklyHours,
} from '../../api/helpdesk-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_TAGS } from '../../i18n/locales.ts';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { FormButtons } from './helpdesk-shared.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';

/** Monday first, as most of our users read a week; the API numbers days from Sunday = "0". */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

interface Interval {
  start: string;
  end: string;
}

interface HoursDraft {
  name: string;
  timeZone: string;
  days: Record<string, Interval[]>;
  holidays: { date: string; name: string }[];
}

const toTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

function toDraft(hours: BusinessHoursInput): HoursDraft {
  const days: Record<string, Interval[]> = {};
  for (const day of WEEKDAYS) days[day] = (hours.weekly[String(day)] ?? []).map(([start, end]) => ({ start: toTime(start), end: toTime(end) }));
  return { name: hours.name, timeZone: hours.timeZone, days, holidays: hours.holidays.map((holiday) => ({ ...holiday })) };
}

function fromDraft(draft: HoursDraft): BusinessHoursInput {
  const weekly: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    // "24:00" cannot be typed in a time field; an end of 00:00 means midnight at the end of the day.
    const intervals = (draft.days[day] ?? []).map(({ start, end }): [number, number] => [toMinutes(start), end === '00:00' ? 1440 : toMinutes(end)]);
    if (intervals.length > 0) weekly[String(day)] = intervals;
  }
  return { name: draft.name.trim(), timeZone: draft.timeZone, weekly, holidays: draft.holidays.filter((holiday) => holiday.date) };
}

function readTimeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

function useWeekdayNames(): Record<number, string> {
  const { locale } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'long', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday.
    return Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((day) => [day, format.format(new Date(Date.UTC(2023, 0, 1 + day)))]));
  }, [locale]);
}

function HoursForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: HoursDraft;
  submitLabel: string;
  onSubmit(value: BusinessHoursInput): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const dayNames = useWeekdayNames();
  const [draft, setDraft] = useState(initial);
  const zones = useMemo(() => readTimeZones(initial.timeZone), [initial.timeZone]);

  const setDay = (day: number, intervals: Interval[]) => setDraft({ ...draft, days: { ...draft.days, [day]: intervals } });

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit(fromDraft(draft));
    if (!onCancel) setDraft(initial);
  });

  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>{t('hours.name')}</label>
          <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-zone`}>{t('hours.timeZone')}</label>
          <select id={`${id}-zone`} className="select" value={draft.timeZone} onChange={(event) => setDraft({ ...draft, timeZone: event.target.value })}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
      </div>

      <fieldset className="weekday-grid">
        <legend>{t('hours.weekly')}</legend>
        {WEEKDAYS.map((day) => {
          const intervals = draft.days[day] ?? [];
          const open = intervals.length > 0;
          return (
            <div key={day} className="weekday-row">
              <label className="checkbox checkbox-inline" htmlFor={`${id}-day-${day}`}>
                <input
                  id={`${id}-day-${day}`}
                  type="checkbox"
                  checked={open}
                  onChange={() => setDay(day, open ? [] : [{ start: '09:00', end: '18:00' }])}
                />
                <span>{dayNames[day]}</span>
              </label>
              {open ? (
                intervals.map((interval, index) => (
                  <span key={index} className="weekday-interval">
                    <label className="visually-hidden" htmlFor={`${id}-${day}-${index}-start`}>
                      {t('hours.opensNamed', { day: dayNames[day] ?? '' })}
                    </label>
                    <input
                      id={`${id}-${day}-${index}-start`}
                      type="time"
                      className="input time-input"
                      required
                      value={interval.start}
                      onChange={(event) => setDay(day, intervals.map((item, at) => (at === index ? { ...item, start: event.target.value } : item)))}
                    />
                    <span aria-hidden="true">–</span>
                    <label className="visually-hidden" htmlFor={`${id}-${day}-${index}-end`}>
                      {t('hours.closesNamed', { day: dayNames[day] ?? '' })}
                    </label>
                    <input
                      id={`${id}-${day}-${index}-end`}
                      type="time"
                      className="input time-input"
                      required
                      value={interval.end}
                      onChange={(event) => setDay(day, intervals.map((item, at) => (at === index ? { ...item, end: event.target.value } : item)))}
                    />
                    {intervals.length > 1 ? (
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        aria-label={t('hours.removeIntervalNamed', { day: dayNames[day] ?? '', start: interval.start, end: interval.end })}
                        onClick={() => setDay(day, intervals.filter((_item, at) => at !== index))}
                      >
                        {t('hours.removeInterval')}
                      </button>
                    ) : null}
                  </span>
                ))
              ) : (
                <span className="muted small">{t('hours.closed')}</span>
              )}
              {open ? (
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={t('hours.addIntervalNamed', { day: dayNames[day] ?? '' })}
                  onClick={() => setDay(day, [...intervals, { start: '13:00', end: '18:00' }])}
                >
                  {t('hours.addInterval')}
                </button>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <p className="field-hint">{t('hours.midnightHint')}</p>

      <fieldset className="weekday-grid">
        <legend>{t('hours.holidays')}</legend>
        {draft.holidays.length === 0 ? <span className="muted small">{t('hours.noHolidays')}</span> : null}
        {draft.holidays.map((holiday, index) => (
          <div key={index} className="weekday-row">
            <label className="visually-hidden" htmlFor={`${id}-holiday-${index}-date`}>
              {t('hours.holidayDate')}
            </label>
            <input
              id={`${id}-holiday-${index}-date`}
              type="date"
              className="input"
              required
              value={holiday.date}
              onChange={(event) => setDraft({ ...draft, holidays: draft.holidays.map((item, at) => (at === index ? { ...item, date: event.target.value } : item)) })}
            />
            <label className="visually-hidden" htmlFor={`${id}-holiday-${index}-name`}>
              {t('hours.holidayName')}
            </label>
            <input
              id={`${id}-holiday-${index}-name`}
              className="input"
              maxLength={120}
              placeholder={t('hours.holidayName')}
              value={holiday.name}
              onChange={(event) => setDraft({ ...draft, holidays: draft.holidays.map((item, at) => (at === index ? { ...item, name: event.target.value } : item)) })}
            />
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={t('hours.removeHolidayNamed', { date: holiday.date || '—' })}
              onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_item, at) => at !== index) })}
            >
              {t('hours.removeInterval')}
            </button>
          </div>
        ))}
        <div>
          <button type="button" className="button button-secondary button-small" onClick={() => setDraft({ ...draft, holidays: [...draft.holidays, { date: '', name: '' }] })}>
            {t('hours.addHoliday')}
          </button>
        </div>
      </fieldset>

      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function summarizeWeek(hours: BusinessHours, dayNames: Record<number, string>): string {
  return WEEKDAYS.filter((day) => (hours.weekly[String(day)] ?? []).length > 0)
    .map((day) => `${dayNames[day]} ${(hours.weekly[String(day)] ?? []).map(([start, end]) => `${toTime(start)}–${toTime(end)}`).join(', ')}`)
    .join(' · ');
}

export function BusinessHoursPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const dayNames = useWeekdayNames();
  const hours = useResource((signal) => listBusinessHours(account.id, signal), [account.id], { accountId: account.id, events: ['business_hours.*'] });
  const accountDetail = useResource((signal) => getAccount(account.id, signal), [account.id]);
  const defaultZone = accountDetail.data?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const blank = toDraft({ name: '', timeZone: defaultZone, weekly: { 1: [[540, 1080]], 2: [[540, 1080]], 3: [[540, 1080]], 4: [[540, 1080]], 5: [[540, 1080]] }, holidays: [] });

  return (
    <>
      <PageHeader title={t('settings.businessHours')} description={t('hours.description')} />

      {hours.error ? null : (
        <CreatePanel heading={t('hours.createHeading')}>
          {/* The account's time zone is the default: wait for it rather than swap it under someone typing. */}
          {accountDetail.loading && !accountDetail.data ? (
            <LoadingState />
          ) : (
            <HoursForm
              initial={blank}
              submitLabel={t('hours.create')}
              onSubmit={async (value) => {
                await createBusinessHours(account.id, value);
                hours.reload();
              }}
            />
          )}
        </CreatePanel>
      )}

      <EditableList
        heading={t('hours.listHeading')}
        resource={hours}
        emptyTitle={t('hours.empty')}
        readName={(item) => item.name}
        deleteConfirm={t('hours.deleteConfirm')}
        deleteItem={(item) => deleteBusinessHours(account.id, item.id)}
        renderEditor={(item, close) => (
          <HoursForm
            initial={toDraft(item)}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (value) => {
              await updateBusinessHours(account.id, item.id, value);
              close(true);
            }}
          />
        )}
        renderItem={(item, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <span className="helpdesk-item-name">{item.name}</span>
              <span className="helpdesk-item-meta">{item.timeZone}</span>
              {actions}
            </div>
            <p className="canned-body">{summarizeWeek(item, dayNames) || t('hours.closed')}</p>
            {item.holidays.length > 0 ? <p className="canned-body">{t('hours.holidayCount', { count: item.holidays.length })}</p> : null}
          </div>
        )}
      />
    </>
  );
}
