import { useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from '../../api/inbox-endpoints.ts';
import type { InboxQuery, SavedView } from '../../api/types.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount, useIsAdmin } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource, type Resource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { filtersFromQuery, forgetLegacySavedViews, legacyViewToInput, queryStringOfFilters, readLegacySavedViews } from './saved-views.ts';

/**
 * The account's saved views with their counts, kept fresh: another tab or another admin changing a view, or any
 * conversation changing, reloads them. Views this browser kept before they lived on the server are uploaded once as
 * personal views and then forgotten here.
 */
export function useSavedViews(refreshEvents: readonly string[]): Resource<SavedView[]> {
  const account = useCurrentAccount();
  const views = useResource((signal) => listSavedViews(account.id, signal), [account.id], { accountId: account.id, events: ['saved_view.changed', ...refreshEvents] });
  const reload = views.reload;
  useEffect(() => {
    const legacy = readLegacySavedViews(account.id);
    if (legacy.length === 0) return;
    let active = true;
    void (async () => {
      for (const view of legacy) {
        try {
          await createSavedView(account.id, { ...legacyViewToInput(view), visibility: 'personal' });
        } catch (error) {
          // A name already taken was uploaded before (or by another tab); anything else is tried again next visit.
          if (!isApiError(error) || (error.status !== 409 && error.status !== 400)) return;
        }
      }
      forgetLegacySavedViews(account.id);
      if (active) reload();
    })();
    return () => {
      active = false;
    };
  }, [account.id, reload]);
  return views;
}

/** 409 is the one error a person can fix here (the name is taken): said in their language. */
function SavedViewError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (isApiError(error) && error.status === 409) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('inbox.savedViewNameTaken')}</p>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

function SavedViewItem({ view, current, query, canManage, onChanged }: { view: SavedView; current: boolean; query: InboxQuery; canManage: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.name);
  const [replaceFilters, setReplaceFilters] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const inputId = useId();
  const form = useFormAction(async () => {
    await updateSavedView(account.id, view.id, { name: name.trim(), ...(replaceFilters ? { filters: filtersFromQuery(query) } : {}) });
    setEditing(false);
    onChanged();
  });

  // Leaving the editor puts the focus back on the button that opened it.
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const startEditing = () => {
    setName(view.name);
    setReplaceFilters(false);
    form.setError(null);
    setEditing(true);
  };

  if (editing) {
    return (
      <li className="inbox-saved-item is-editing">
        <form className="inbox-saved-edit" onSubmit={form.handleSubmit} onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}>
          <label className="field-label-small" htmlFor={inputId}>{t('inbox.savedViewName')}</label>
          <input id={inputId} className="input input-small" value={name} maxLength={80} required autoFocus onChange={(event) => setName(event.target.value)} />
          <label className="checkbox-inline">
            <input type="checkbox" checked={replaceFilters} onChange={(event) => setReplaceFilters(event.target.checked)} />
            <span>{t('inbox.useCurrentFilters')}</span>
          </label>
          <SavedViewError error={form.error} />
          <div className="inbox-saved-actions">
            <button type="submit" className="button button-primary button-small" disabled={form.busy}>{t('common.save')}</button>
            <button type="button" className="button button-ghost button-small" onClick={() => setEditing(false)}>{t('common.cancel')}</button>
            <ConfirmButton
              label={t('inbox.deleteView')}
              confirmLabel={t('inbox.deleteView')}
              ariaLabel={t('inbox.deleteSavedView', { name: view.name })}
              onConfirm={async () => {
                try {
                  await deleteSavedView(account.id, view.id);
                  onChanged();
                } catch (error) {
                  form.setError(error);
                }
              }}
            />
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="inbox-saved-item">
      <Link to={paths.conversations(account.id) + queryStringOfFilters(view.filters)} replace className="inbox-view-link" aria-current={current ? 'page' : undefined}>
        <span className="inbox-saved-name">{view.name}</span>
        {view.count !== undefined ? (
          <span className="inbox-count">
            <span aria-hidden="true">{view.count}</span>
            <span className="visually-hidden">{t('inbox.viewCount', { count: view.count })}</span>
          </span>
        ) : null}
      </Link>
      {canManage ? (
        <button ref={editButton} type="button" className="button button-ghost button-small" aria-label={t('inbox.editSavedView', { name: view.name })} title={t('inbox.editSavedView', { name: view.name })} onClick={startEditing}>
          <span aria-hidden="true">✎</span>
        </button>
      ) : null}
    </li>
  );
}

/** The sidebar's saved views: mine, then the shared ones. Anyone edits their own; shared ones are the admins'. */
export function SavedViewsNav({ views, query, queryString }: { views: Resource<SavedView[]>; query: InboxQuery; queryString: string }) {
  const { t } = useI18n();
  const isAdmin = useIsAdmin();
  const headingId = useId();
  const groups = [
    { key: 'personal', title: t('inbox.myViews'), items: (views.data ?? []).filter((view) => view.visibility === 'personal') },
    { key: 'shared', title: t('inbox.sharedViews'), items: (views.data ?? []).filter((view) => view.visibility === 'shared') },
  ].filter((group) => group.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <nav className="inbox-saved-views" aria-label={t('inbox.savedViews')}>
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`${headingId}-${group.key}`}>
          <p id={`${headingId}-${group.key}`} className="inbox-saved-heading">{group.title}</p>
          <ul className="inbox-view-list inbox-saved-list">
            {group.items.map((view) => (
              <SavedViewItem
                key={view.id}
                view={view}
                query={query}
                current={queryStringOfFilters(view.filters) === queryString}
                canManage={view.visibility === 'personal' || isAdmin}
                onChanged={views.reload}
              />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** "Save these filters as…": a personal view, or for admins optionally one shared with the account. */
export function SaveViewForm({ query, onSaved }: { query: InboxQuery; onSaved(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<SavedView['visibility']>('personal');
  const [saved, setSaved] = useState('');
  const form = useFormAction(async () => {
    setSaved('');
    const view = await createSavedView(account.id, { name: name.trim(), visibility, filters: filtersFromQuery(query) });
    setName('');
    setSaved(t('inbox.viewSaved', { name: view.name }));
    onSaved();
  });
  return (
    <form className="inbox-save-view" onSubmit={form.handleSubmit}>
      <label className="field-label-small" htmlFor="inbox-save-name">{t('inbox.saveViewName')}</label>
      <input id="inbox-save-name" className="input input-small" value={name} maxLength={80} required onChange={(event) => setName(event.target.value)} />
      {isAdmin ? (
        <fieldset className="inbox-save-visibility">
          <legend className="field-label-small">{t('inbox.saveViewVisibility')}</legend>
          {(['personal', 'shared'] as const).map((option) => (
            <label key={option} className="checkbox-inline">
              <input type="radio" name="inbox-save-visibility" value={option} checked={visibility === option} onChange={() => setVisibility(option)} />
              <span>{t(`inbox.visibility.${option}`)}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <SavedViewError error={form.error} />
      <button type="submit" className="button button-secondary button-small" disabled={form.busy}>{t('inbox.saveView')}</button>
      <p className="visually-hidden" role="status">{saved}</p>
    </form>
  );
}
