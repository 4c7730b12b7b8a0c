import type { InboxQuery, InboxView } from '../../api/types.ts';

export const VIEWS: readonly InboxView[] = ['mine', 'unassigned', 'all', 'mentions'];
export const STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed', 'any'] as const;
export const SORTS = ['latest', 'oldest', 'created', 'waiting', 'priority', 'sla_due'] as const;
export const SLA_FILTERS = ['breached', 'due_soon'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;


/** The list's filter lives in the URL, so a view can be bookmarked and the back button works. */
export function readInboxQuery(search: URLSearchParams): InboxQuery {
  const view = search.get('view');
  return {
    view: VIEWS.includes(view as InboxView) ? (view as InboxView) : 'mine',
    status: search.get('status') ?? 'open',
    sort: search.get('sort') ?? 'latest',
    inboxId: search.get('inboxId'),
    labelId: search.get('labelId'),
    priority: search.get('priority'),
    channel: search.get('channel'),
    teamId: search.get('teamId'),
    assigneeId: search.get('assigneeId'),
    sla: search.get('sla'),
  };
}

/** The list's filters beyond view, status and sort: each one a query parameter, absent when not set. */
export const LIST_FILTER_KEYS = ['inboxId', 'labelId', 'priority', 'channel', 'teamId', 'assigneeId', 'sla'] as const;

export function writeInboxQuery(query: InboxQuery): string {
  const search = new URLSearchParams();
  if (query.view !== 'mine') search.set('view', query.view);
  if (query.status !== 'open') search.set('status', query.status);
  if (query.sort !== 'latest') search.set('sort', query.sort);
  for (const key of LIST_FILTER_KEYS) {
    const value = query[key];
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Keyboard shortcuts never fire while a person types. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export function createClientKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Snooze presets, in the agent's own clock. */
export function computeSnoozeUntil(preset: 'hour' | 'tomorrow' | 'nextWeek', now = new Date()): Date {
  const date = new Date(now);
  if (preset === 'hour') return new Date(now.getTime() + 60 * 60 * 1000);
  if (preset === 'tomorrow') {
    date.setDate(date.getDate() + 1);
  } else {
    // Next Monday.
    const days = ((8 - date.getDay()) % 7) || 7;
    date.setDate(date.getDate() + days);
  }
  date.setHours(9, 0, 0, 0);
  return date;
}

/** `<input type="datetime-local">` wants local time without a zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
