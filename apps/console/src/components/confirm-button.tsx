import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

export interface ConfirmButtonProps {
  label: string;
  confirmLabel: string;
  /** Accessible name when the visible label alone is ambiguous in a list ("Revoke key 'CI'"). */
  ariaLabel?: string;
  onConfirm(): Promise<void> | void;
  disabled?: boolean;
}

/** A destructive action in two steps, inline (no modal): first click arms it, second click does it. */
export function ConfirmButton({ label, confirmLabel, ariaLabel, onConfirm, disabled }: ConfirmButtonProps) {
  const { t } = useI18n();
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (armed) confirmRef.current?.focus();
  }, [armed]);

  async function handleConfirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setArmed(false);
    }
  }

  if (!armed) {
    return (
      <button
        type="button"
        className="button button-danger-quiet button-small"
        aria-label={ariaLabel}
        onClick={() => setArmed(true)}
        disabled={disabled}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-group">
      <button ref={confirmRef} type="button" className="button button-danger button-small" onClick={handleConfirm} disabled={busy}>
        {confirmLabel}
      </button>
      <button type="button" className="button button-ghost button-small" onClick={() => setArmed(false)} disabled={busy}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
