import { useId, useState } from 'react';
import { splitConversation } from '../../api/inbox-endpoints.ts';
import type { InboxConversationDetail } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useModalDialog } from '../../hooks/use-modal-dialog.ts';

/**
 * Splitting, in three steps: "Split…" on a message starts choosing (that message is chosen), every message then gets a
 * checkbox, and the bar's "Split into new conversation" opens the dialog that names the new conversation.
 */

/** The per-message control: the "Split…" action, or the message's checkbox while choosing. */
export function SplitMessageControl({ choosing, chosen, author, onStart, onToggle }: { choosing: boolean; chosen: boolean; author: string; onStart(): void; onToggle(): void }) {
  const { t } = useI18n();
  if (choosing) {
    return (
      <label className="message-action message-split-check">
        <input type="checkbox" checked={chosen} onChange={onToggle} aria-label={t('split.select', { author })} />
      </label>
    );
  }
  return (
    <button type="button" className="button button-ghost button-small message-action" aria-label={t('split.actionLabel')} onClick={onStart}>
      {t('split.action')}
    </button>
  );
}

/** Shown while choosing messages to split off; at least one message must move and one must stay. */
export function SplitBar({ count, total, onSplit, onCancel }: { count: number; total: number; onSplit(): void; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="bulk-bar split-bar" role="toolbar" aria-label={t('split.toolbar')}>
      <span>{t('split.selected', { count })}</span>
      {count >= total ? <span>{t('split.keepOne')}</span> : null}
      <button type="button" className="button button-primary button-small" disabled={count === 0 || count >= total} onClick={onSplit}>
        {t('split.confirmOpen')}
      </button>
      <button type="button" className="button button-ghost button-small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** Confirms the split and names the new conversation (the original's subject unless changed). */
export function SplitDialog({ conversation, messageIds, onClose, onSplit }: { conversation: InboxConversationDetail; messageIds: string[]; onClose(): void; onSplit(newConversationId: string): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const ref = useModalDialog();
  const id = useId();
  const [subject, setSubject] = useState(conversation.subject);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    const created = await splitConversation(account.id, conversation.id, { messageIds, subject });
    onSplit(created.id);
  });

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-explain`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('split.title')}</h2>
      <p id={`${id}-explain`} className="muted">{t('split.explain', { count: messageIds.length, contact: conversation.contact.name })}</p>
      <form
        className="form"
        onSubmit={handleSubmit}
      >
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t('split.subject')}</label>
          <input id={`${id}-subject`} className="input" maxLength={300} value={subject} onChange={(event) => setSubject(event.target.value)} autoFocus />
        </div>
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={() => ref.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('split.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
