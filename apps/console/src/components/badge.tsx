import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const KNOWN_STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const;
const KNOWN_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = isOneOf(KNOWN_STATUSES, status) ? t(`status.${status}` as MessageKey) : status;
  return <span className={`badge badge-status-${isOneOf(KNOWN_STATUSES, status) ? status : 'other'}`}>{label}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useI18n();
  if (priority === 'normal') return null;
  const label = isOneOf(KNOWN_PRIORITIES, priority) ? t(`priority.${priority}` as MessageKey) : priority;
  return <span className={`badge badge-priority-${isOneOf(KNOWN_PRIORITIES, priority) ? priority : 'other'}`}>{label}</span>;
}

export function RoleBadge({ role }: { role: string }) {
  const { t } = useI18n();
  return <span className={`badge badge-role-${role}`}>{role === 'admin' ? t('role.admin') : role === 'agent' ? t('role.agent') : role}</span>;
}

/** Initials on a colour picked from the name; 30% lightness keeps white text above 4.5:1 for every hue. */
export function Avatar({ name, size = 'medium' }: { name: string; size?: 'small' | 'medium' | 'large' }) {
  const initials = readInitials(name);
  const hue = computeHue(name);
  return (
    <span className={`avatar avatar-${size}`} style={{ backgroundColor: `hsl(${hue} 50% 30%)` }} aria-hidden="true">
      {initials}
    </span>
  );
}

function readInitials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  // CJK names read best as their first character; Latin names as first + last initials.
  if (/^[\u3040-\u30ff\u3400-\u9fff]/.test(trimmed)) return trimmed.slice(0, 1);
  const parts = trimmed.split(/\s+/);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function computeHue(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}
