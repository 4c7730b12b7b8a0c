import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { CheckIcon, CopyIcon } from './icons.tsx';

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; select the text so the user can copy it by hand.
    fallbackInput?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/** A read-only value with a copy button; the result is announced to screen readers. */
export function CopyField({ label, value, description }: { label: string; value: string; description?: string }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function handleCopy() {
    setState((await copyText(value, input.current)) ? 'copied' : 'failed');
  }

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      {description ? <p className="field-hint" id={`${id}-hint`}>{description}</p> : null}
      <div className="copy-field-row">
        <input
          id={id}
          ref={input}
          className="input input-mono"
          value={value}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={description ? `${id}-hint` : undefined}
        />
        <button type="button" className="button button-secondary" onClick={handleCopy}>
          {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
          <span>{state === 'copied' ? t('common.copied') : t('common.copy')}</span>
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
