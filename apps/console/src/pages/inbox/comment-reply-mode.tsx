import { useId } from 'react';
import type { Message } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** How a reply answers a Messenger or Instagram comment: under it for everyone, or as a private message to the commenter. */
export type CommentReplyMode = 'public' | 'private';

/**
 * Whether the customer last wrote a comment on a post (the channel marks it `channelData.comment`): then the reply
 * answers that comment, and the agent chooses how. After a direct message, a reply is a direct message.
 */
export function answersComment(messages: readonly Message[]): boolean {
  const last = messages.findLast((message) => message.direction === 'inbound');
  const comment = last?.channelData?.comment;
  return typeof comment === 'object' && comment !== null;
}

/** The choice between a public and a private reply to a comment, shown above the reply box. */
export function CommentReplyModePicker({ value, onChange }: { value: CommentReplyMode; onChange(mode: CommentReplyMode): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="comment-reply-mode" aria-describedby={`${id}-hint`}>
      <legend className="visually-hidden">{t('inbox.commentReplyMode')}</legend>
      {(['public', 'private'] as const).map((mode) => (
        <label key={mode} className="checkbox-inline">
          <input type="radio" name={`${id}-mode`} value={mode} checked={value === mode} onChange={() => onChange(mode)} />
          <span>{mode === 'public' ? t('inbox.replyPublicly') : t('inbox.replyPrivately')}</span>
        </label>
      ))}
      <p id={`${id}-hint`} className="muted comment-reply-mode-hint">
        {value === 'public' ? t('inbox.replyPubliclyHint') : t('inbox.replyPrivatelyHint')}
      </p>
    </fieldset>
  );
}
