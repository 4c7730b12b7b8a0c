import { useI18n } from '../../i18n/i18n-context.tsx';

/** `channelData.reactions` as channels write it: one reaction per customer id, the newest kept. */
type Reactions = Record<string, { emoji?: unknown }>;

const reactionsOf = (message: object): string[] => {
  const reactions = (message as { channelData?: { reactions?: Reactions } }).channelData?.reactions;
  if (!reactions || typeof reactions !== 'object') return [];
  return Object.values(reactions).map((reaction) => reaction?.emoji).filter((emoji): emoji is string => typeof emoji === 'string' && emoji !== '');
};

/** The customer's reactions to a message (a WhatsApp 👍 on a reply), under the message. */
export function MessageReactions({ message }: { message: object }) {
  const { t } = useI18n();
  const emojis = reactionsOf(message);
  if (emojis.length === 0) return null;
  const label = t('message.reactions', { emojis: emojis.join(' ') });
  return (
    <p className="message-reactions" title={label}>
      <span className="visually-hidden">{label}</span>
      {emojis.map((emoji, index) => <span key={`${emoji}-${index}`} aria-hidden="true">{emoji}</span>)}
    </p>
  );
}
