import { useId, useState, type ReactNode } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import type { Resource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ListStates } from './helpdesk-shared.tsx';

/** The "create" panel of a settings page: a section named by its heading, holding the create form. */
export function CreatePanel({ heading, children }: { heading: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-create`}>
      <h2 id={`${id}-create`} className="panel-title">
        {heading}
      </h2>
      {children}
    </section>
  );
}

export interface EditableListProps<T extends { id: string }> {
  heading: string;
  /** Shown beside the heading in a `panel-head` row (a search field). */
  headAside?: ReactNode;
  /** Shown under the heading, before the list's states. */
  intro?: ReactNode;
  resource: Resource<T[]>;
  emptyTitle: string;
  /** An `<ol>` where the order means something (evaluation order), else a `<ul>`. */
  ordered?: boolean;
  compareItems?(a: T, b: T): number;
  /** The item's name in the accessible names of its edit and delete buttons. */
  readName(item: T): string;
  deleteConfirm: string;
  deleteItem(item: T): Promise<void>;
  /** The read view; `actions` (extra actions, edit, delete) is placed by the caller. */
  renderItem(item: T, actions: ReactNode): ReactNode;
  /** The edit form; `close(true)` after a save reloads the list, `close(false)` cancels. */
  renderEditor(item: T, close: (saved: boolean) => void): ReactNode;
  renderExtraActions?(item: T): ReactNode;
}

/** The "list" panel of a settings page: items that switch between a read view and an edit form, with delete confirmation. */
export function EditableList<T extends { id: string }>({
  heading, headAside, intro, resource, emptyTitle, ordered = false, compareItems, readName, deleteConfirm, deleteItem, renderItem, renderEditor, renderExtraActions,
}: EditableListProps<T>) {
  const { t } = useI18n();
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const List = ordered ? 'ol' : 'ul';
  const title = (
    <h2 id={`${id}-list`} className="panel-title">
      {heading}
    </h2>
  );

  function closeEditor(saved: boolean) {
    setEditing(null);
    if (saved) resource.reload();
  }

  async function confirmDelete(item: T) {
    setError(null);
    try {
      await deleteItem(item);
      resource.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  function renderActions(item: T) {
    return (
      <span className="helpdesk-item-actions">
        {renderExtraActions?.(item)}
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('helpdesk.editNamed', { name: readName(item) })}
          onClick={() => setEditing(item.id)}
        >
          {t('helpdesk.edit')}
        </button>
        <ConfirmButton
          label={t('helpdesk.delete')}
          ariaLabel={t('helpdesk.deleteNamed', { name: readName(item) })}
          confirmLabel={deleteConfirm}
          onConfirm={() => confirmDelete(item)}
        />
      </span>
    );
  }

  return (
    <section className="panel" aria-labelledby={`${id}-list`}>
      {headAside ? (
        <div className="panel-head">
          {title}
          {headAside}
        </div>
      ) : (
        title
      )}
      {intro}
      <ErrorNotice error={error} />
      <ListStates resource={resource} emptyTitle={emptyTitle}>
        {(items: T[]) => (
          <List className="helpdesk-list">
            {(compareItems ? [...items].sort(compareItems) : items).map((item) => (
              <li key={item.id} className="helpdesk-item">
                {editing === item.id ? renderEditor(item, closeEditor) : renderItem(item, renderActions(item))}
              </li>
            ))}
          </List>
        )}
      </ListStates>
    </section>
  );
}
