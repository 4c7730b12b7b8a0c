import { useId, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { ResourceStates } from '../../components/resource-states.tsx';
import type { Resource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import './helpdesk-settings.css';

/** A 404 on a list means this server has no such endpoint yet (an older or partial build), not a missing record. */
export function isMissingFeature(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}

/** The server's message for one field of a 400 answer, if it named that field. */
export function readFieldError(error: unknown, path: string): string | null {
  if (!isApiError(error) || error.status !== 400) return null;
  return error.fieldErrors.find((fieldError) => fieldError.path === path)?.message ?? null;
}

export function FeatureUnavailable() {
  const { t } = useI18n();
  return (
    <EmptyState title={t('helpdesk.unavailableTitle')}>
      <p>{t('helpdesk.unavailableBody')}</p>
    </EmptyState>
  );
}

/** Loading, error, "not on this server" and empty states of a list; renders `children` only when there are items. */
export function ListStates<T>({ resource, emptyTitle, children }: { resource: Resource<T[]>; emptyTitle: string; children(items: T[]): ReactNode }) {
  if (isMissingFeature(resource.error)) return <FeatureUnavailable />;
  return <ResourceStates resource={resource} select={(items) => items} empty={<EmptyState title={emptyTitle} />}>{(items) => children([...items])}</ResourceStates>;
}

/** Form-level errors without the fields the form already shows next to their inputs. */
export function FormError({ error, fieldPaths }: { error: unknown; fieldPaths: readonly string[] }) {
  if (!error) return null;
  if (isApiError(error) && error.status === 400 && error.fieldErrors.length > 0 && error.fieldErrors.every((item) => fieldPaths.includes(item.path))) {
    return null;
  }
  return <ErrorNotice error={error} />;
}

export interface CheckboxOption {
  value: string;
  label: string;
}

/** A group of pill checkboxes with a legend; `selected` keeps the order of `options`. */
export function CheckboxPills({ legend, options, selected, onChange, emptyText }: {
  legend: string;
  options: CheckboxOption[];
  selected: string[];
  onChange(next: string[]): void;
  emptyText?: string;
}) {
  const id = useId();
  return (
    <fieldset className="checkbox-group checkbox-pills">
      <legend className="field-label">{legend}</legend>
      {options.length === 0 && emptyText ? <span className="muted">{emptyText}</span> : null}
      {options.map((option) => {
        const checked = selected.includes(option.value);
        return (
          <label key={option.value} className="checkbox" htmlFor={`${id}-${option.value}`}>
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              checked={checked}
              onChange={() =>
                onChange(checked ? selected.filter((value) => value !== option.value) : options.map((item) => item.value).filter((value) => value === option.value || selected.includes(value)))
              }
            />
            <span>{option.label}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** The submit button of a settings form, and a cancel button when the form edits an existing item. */
export function FormButtons({ disabled, submitLabel, onCancel }: { disabled: boolean; submitLabel: string; onCancel?(): void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={disabled}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      ) : null}
    </div>
  );
}
