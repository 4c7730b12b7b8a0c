import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A labelled text input with an optional hint and its server-side error beneath it, both tied to the input for
 * screen readers.
 */
export function TextField({ id, label, hint, error, className = 'field field-grow', ...input }: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | null | undefined;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
