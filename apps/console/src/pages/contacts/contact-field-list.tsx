import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** A list of same-kind values (other emails, other phones): one input each, add and remove, the server's error per item. */
export function ContactFieldList({ legend, inputType, values, onChange, itemLabel, addLabel, readError }: {
  legend: string;
  inputType: 'email' | 'tel';
  values: string[];
  onChange(values: string[]): void;
  itemLabel(index: number): string;
  addLabel: string;
  readError(index: number): string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  // After "add", the new input takes focus; after "remove", the previous one (or the add button, via the fieldset).
  useEffect(() => {
    if (focusIndex === null) return;
    inputs.current[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  return (
    <fieldset className="contact-fieldset">
      <legend className="field-label">{legend}</legend>
      {values.length > 0 ? (
        <ul className="value-rows">
          {values.map((value, index) => {
            const error = readError(index);
            return (
              <li key={index} className="value-row">
                <label htmlFor={`${id}-${index}`} className="visually-hidden">
                  {itemLabel(index)}
                </label>
                <input
                  id={`${id}-${index}`}
                  ref={(element) => {
                    inputs.current[index] = element;
                  }}
                  type={inputType}
                  className="input"
                  maxLength={inputType === 'email' ? 320 : 40}
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-${index}-error` : undefined}
                  value={value}
                  onChange={(event) => onChange(values.map((other, position) => (position === index ? event.target.value : other)))}
                />
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={t('contact.removeNamed', { name: value || itemLabel(index) })}
                  onClick={() => {
                    onChange(values.filter((_, position) => position !== index));
                    if (index > 0) setFocusIndex(index - 1);
                  }}
                >
                  {t('contact.remove')}
                </button>
                {error ? (
                  <p id={`${id}-${index}-error`} className="field-error value-row-error">
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={values.length >= 20}
        onClick={() => {
          onChange([...values, '']);
          setFocusIndex(values.length);
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
