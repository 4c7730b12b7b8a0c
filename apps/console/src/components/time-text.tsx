import { useI18n } from '../i18n/i18n-context.tsx';

/** A relative time ("5 min ago") with the full date as its tooltip and machine-readable value. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const { formatRelative, formatDateTime } = useI18n();
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

export function DateTime({ iso }: { iso: string | null | undefined }) {
  const { formatDateTime } = useI18n();
  if (!iso) return <span>—</span>;
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
