import type { ReactNode } from 'react';

/**
 * A tab per language over one panel (`${idPrefix}-panel`, which the caller renders with
 * `aria-labelledby={`${idPrefix}-tab-${current}`}`). Arrow keys move between tabs, as the ARIA tabs pattern asks.
 */
export function LanguageTabs<L extends string>({ idPrefix, label, locales, current, onSelect, renderTab }: {
  idPrefix: string;
  label: string;
  locales: readonly L[];
  current: NoInfer<L>;
  onSelect(locale: NoInfer<L>): void;
  renderTab(locale: NoInfer<L>): ReactNode;
}) {
  return (
    <div className="help-tabs" role="tablist" aria-label={label}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${locale}`}
          aria-selected={current === locale}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={current === locale ? 0 : -1}
          className="help-tab"
          onClick={() => onSelect(locale)}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
            const next = locales[(locales.indexOf(locale) + (event.key === 'ArrowRight' ? 1 : locales.length - 1)) % locales.length]!;
            onSelect(next);
            document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
          }}
        >
          {renderTab(locale)}
        </button>
      ))}
    </div>
  );
}
