import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
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
  /** Without these, items cannot be deleted (the API has no delete for them). */
  deleteConfirm?: string;
  deleteItem?(item: T): Promise<void>;
  /** The read view; `actions` (extra actions, edit, delete) is placed by the caller. */
  renderItem(item: T, actions: ReactNode): ReactNode;
  /** The edit form; `close(true)` after a save reloads the list, `close(false)` cancels. */
  renderEditor(item: T, close: (saved: boolean) => void): ReactNode;
  renderExtraActions?(item: T): ReactNode;
  /**
   * Saves a new order (every id once); with it, an `ordered` list gets "move up" and "move down" buttons. The list shows
   * the new order at once and goes back to the server's if the save fails.
   */
  reorder?(ids: string[]): Promise<unknown>;
}

type MoveDirection = 'up' | 'down';

/** The "list" panel of a settings page: items that switch between a read view and an edit form, with delete confirmation. */
export function EditableList<T extends { id: string }>({
  heading, headAside, intro, resource, emptyTitle, ordered = false, compareItems, readName, deleteConfirm, deleteItem, renderItem, renderEditor, renderExtraActions, reorder,
}: EditableListProps<T>) {
  const { t } = useI18n();
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfterMove, setFocusAfterMove] = useState<{ itemId: string; direction: MoveDirection } | null>(null);
  const List = ordered ? 'ol' : 'ul';
  const canReorder = ordered && reorder !== undefined;

  const sorted = resource.data ? (compareItems ? [...resource.data].sort(compareItems) : resource.data) : [];
  const shown = pendingOrder ? [...sorted].sort((a, b) => pendingOrder.indexOf(a.id) - pendingOrder.indexOf(b.id)) : sorted;

  // The server's answer replaces the order shown while saving.
  const [orderedData, setOrderedData] = useState(resource.data);
  if (orderedData !== resource.data) {
    setOrderedData(resource.data);
    setPendingOrder(null);
  }

  // Moving an item re-inserts its row, which drops focus: put it back on the button pressed (or on the other one when
  // the item reached an end and that button is now disabled).
  useEffect(() => {
    if (!focusAfterMove) return;
    const { itemId, direction } = focusAfterMove;
    const pressed = moveButtons.current.get(`${itemId}:${direction}`);
    const other = moveButtons.current.get(`${itemId}:${direction === 'up' ? 'down' : 'up'}`);
    (pressed && !pressed.disabled ? pressed : other)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, shown]);

  async function move(item: T, direction: MoveDirection) {
    // One move at a time; the buttons stay enabled meanwhile, since disabling the focused one would drop focus.
    if (!reorder || pendingOrder) return;
    const ids = shown.map((entry) => entry.id);
    const from = ids.indexOf(item.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, item.id);
    setError(null);
    setPendingOrder(ids);
    setFocusAfterMove({ itemId: item.id, direction });
    setAnnouncement(t('helpdesk.moved', { name: readName(item), position: to + 1, count: ids.length }));
    try {
      await reorder(ids);
      resource.reload();
    } catch (reason) {
      setPendingOrder(null);
      setAnnouncement('');
      setError(reason);
    }
  }
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
    if (!deleteItem) return;
    setError(null);
    try {
      await deleteItem(item);
      resource.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  function renderMoveButton(item: T, index: number, direction: MoveDirection) {
    const atEnd = direction === 'up' ? index === 0 : index === shown.length - 1;
    return (
      <button
        type="button"
        ref={(element) => {
          const key = `${item.id}:${direction}`;
          if (element) moveButtons.current.set(key, element);
          else moveButtons.current.delete(key);
        }}
        className="button button-ghost button-small button-icon"
        aria-label={t(direction === 'up' ? 'helpdesk.moveUpNamed' : 'helpdesk.moveDownNamed', { name: readName(item) })}
        title={t(direction === 'up' ? 'helpdesk.moveUp' : 'helpdesk.moveDown')}
        disabled={atEnd}
        onClick={() => void move(item, direction)}
      >
        <span aria-hidden="true">{direction === 'up' ? '↑' : '↓'}</span>
      </button>
    );
  }

  function renderActions(item: T, index: number) {
    return (
      <span className="helpdesk-item-actions">
        {canReorder ? (
          <span className="move-buttons">
            {renderMoveButton(item, index, 'up')}
            {renderMoveButton(item, index, 'down')}
          </span>
        ) : null}
        {renderExtraActions?.(item)}
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('helpdesk.editNamed', { name: readName(item) })}
          onClick={() => setEditing(item.id)}
        >
          {t('helpdesk.edit')}
        </button>
        {deleteItem && deleteConfirm ? (
          <ConfirmButton
            label={t('helpdesk.delete')}
            ariaLabel={t('helpdesk.deleteNamed', { name: readName(item) })}
            confirmLabel={deleteConfirm}
            onConfirm={() => confirmDelete(item)}
          />
        ) : null}
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
      {canReorder ? (
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
      ) : null}
      <ListStates resource={resource} emptyTitle={emptyTitle}>
        {() => (
          <List className="helpdesk-list">
            {shown.map((item, index) => (
              <li key={item.id} className="helpdesk-item">
                {editing === item.id ? renderEditor(item, closeEditor) : renderItem(item, renderActions(item, index))}
              </li>
            ))}
          </List>
        )}
      </ListStates>
    </section>
  );
}
