import { useId, useState } from 'react';
import { createHelpCategory, deleteHelpCategory, type HelpCategory, listHelpCategories, type LocalizedText, reorderHelpCategories, updateHelpCategory } from '../../api/help-center-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_TAGS, LOCALES } from '../../i18n/locales.ts';
import { CreatePanel, EditableList } from '../settings/editable-list.tsx';
import { FormButtons } from '../settings/helpdesk-shared.tsx';
import { categoryName, localeName } from './help-center-page.tsx';

interface CategoryValue {
  names: LocalizedText;
  descriptions: LocalizedText;
  slug: string;
}

function CategoryForm({ initial, submitLabel, onSubmit, onCancel }: { initial: CategoryValue; submitLabel: string; onSubmit(value: CategoryValue): Promise<void>; onCancel?(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(initial);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit(value);
    if (!onCancel) setValue({ names: {}, descriptions: {}, slug: '' });
  });
  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="help-category-grid">
        {LOCALES.map((locale) => (
          <div key={locale} className="help-category-locale" lang={LOCALE_TAGS[locale]}>
            <div className="field">
              <label htmlFor={`${id}-name-${locale}`}>{t('help.categoryName', { language: localeName(locale) })}</label>
              <input id={`${id}-name-${locale}`} className="input" maxLength={200} required={locale === 'en' && !value.names.ja && !value.names.zh} value={value.names[locale] ?? ''} onChange={(event) => setValue({ ...value, names: { ...value.names, [locale]: event.target.value } })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-description-${locale}`}>{t('help.categoryDescription', { language: localeName(locale) })}</label>
              <input id={`${id}-description-${locale}`} className="input" maxLength={500} value={value.descriptions[locale] ?? ''} onChange={(event) => setValue({ ...value, descriptions: { ...value.descriptions, [locale]: event.target.value } })} />
            </div>
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-slug`}>{t('help.field.slug')}</label>
        <input id={`${id}-slug`} className="input input-mono" pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={100} value={value.slug} onChange={(event) => setValue({ ...value, slug: event.target.value })} aria-describedby={`${id}-slug-hint`} />
        <p id={`${id}-slug-hint`} className="field-hint">{t('help.field.slugHint')}</p>
      </div>
      <FormButtons disabled={busy} submitLabel={submitLabel} {...(onCancel ? { onCancel } : {})} />
    </form>
  );
}

const bodyOf = (value: CategoryValue) => ({ names: value.names, descriptions: value.descriptions, ...(value.slug ? { slug: value.slug } : {}) });

/** Categories in the order customers see them, with their names and descriptions in each language. */
export function HelpCategoriesSection() {
  const { t, locale } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = account.role === 'admin';
  const categories = useResource((signal) => listHelpCategories(account.id, signal), [account.id]);
  return (
    <>
      {isAdmin ? (
        <CreatePanel heading={t('help.createCategoryHeading')}>
          <CategoryForm
            initial={{ names: {}, descriptions: {}, slug: '' }}
            submitLabel={t('help.createCategory')}
            onSubmit={async (value) => {
              await createHelpCategory(account.id, bodyOf(value));
              categories.reload();
            }}
          />
        </CreatePanel>
      ) : null}
      <EditableList<HelpCategory>
        heading={t('help.categoryList')}
        resource={categories}
        emptyTitle={t('help.noCategories')}
        ordered
        compareItems={(a, b) => a.position - b.position}
        readName={(category) => categoryName(category, locale)}
        {...(isAdmin
          ? {
              deleteConfirm: t('help.deleteCategoryConfirm'),
              deleteItem: (category: HelpCategory) => deleteHelpCategory(account.id, category.id),
              reorder: (ids: string[]) => reorderHelpCategories(account.id, ids),
            }
          : {})}
        renderItem={(category, actions) => (
          <div className="helpdesk-item-row">
            <span className="helpdesk-item-name">{categoryName(category, locale)}</span>
            <code className="mono muted small">{category.slug}</code>
            <span className="muted small">{t('help.articleCount', { count: category.articleCount })}</span>
            {isAdmin ? actions : null}
          </div>
        )}
        renderEditor={(category, close) => (
          <CategoryForm
            initial={{ names: category.names, descriptions: category.descriptions, slug: category.slug }}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (value) => {
              await updateHelpCategory(account.id, category.id, bodyOf(value));
              close(true);
            }}
          />
        )}
      />
    </>
  );
}
