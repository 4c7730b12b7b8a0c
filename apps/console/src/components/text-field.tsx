import type { InputHTMLAttributes } from 'react';

/** A labelled text input with its server-side error beneath it, tied to the input for screen readers. */
export function TextField({ id, label, error, className = 'field field-grow', ...input }: {
  id: string;
  label: string;
  error: string | null | undefined;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...input}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
