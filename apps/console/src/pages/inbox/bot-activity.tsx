import { useId, useState } from 'react';
import { getConversationBotActivity, listIntents, teachBotFromConversation } from '../../api/answer-bot-endpoints.ts';
import type { Message } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useBotReason } from '../settings/answer-bot-page.tsx';

/** "Teach the bot": a customer question of a resolved conversation becomes an example phrase of an intent. */
function TeachBot({ conversationId, questions }: { conversationId: string; questions: Message[] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const intents = useResource((signal) => listIntents(account.id, signal), [account.id]);
  const [messageId, setMessageId] = useState(questions.at(0)?.id ?? '');
  const [intentId, setIntentId] = useState('');
  const [done, setDone] = useState('');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    setDone('');
    const chosen = intentId || intents.data?.[0]?.id || '';
    await teachBotFromConversation(account.id, conversationId, { messageId, intentId: chosen });
    setDone(t('bot.taught', { intent: intents.data?.find((intent) => intent.id === chosen)?.name ?? '' }));
  });
  if (!intents.data?.length || questions.length === 0) return null;
  return (
    <form className="form bot-teach" onSubmit={handleSubmit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="panel-subtitle">{t('bot.teachHeading')}</h4>
      <p className="muted small">{t('bot.teachHint')}</p>
      <ErrorNotice error={error ?? intents.error} />
      <div className="form-row form-row-end">
        <div className="field field-grow">
          <label htmlFor={`${id}-message`}>{t('bot.teachMessage')}</label>
          <select id={`${id}-message`} className="select" value={messageId} onChange={(event) => setMessageId(event.target.value)}>
            {questions.map((message) => <option key={message.id} value={message.id}>{message.body.slice(0, 120)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-intent`}>{t('bot.teachIntent')}</label>
          <select id={`${id}-intent`} className="select" value={intentId || intents.data[0]!.id} onChange={(event) => setIntentId(event.target.value)}>
            {intents.data.map((intent) => <option key={intent.id} value={intent.id}>{intent.name}</option>)}
          </select>
        </div>
        <button type="submit" className="button button-secondary" disabled={busy}>{t('bot.teachButton')}</button>
      </div>
      <p role="status" className="muted small">{done}</p>
    </form>
  );
}

/**
 * What the answer bot did in this conversation and why, above the thread: its state (answering, handed over and
 * why, resolved), and per customer question what it did, the score, what it matched and what else it weighed.
 */
export function BotActivity({ conversationId, status, messages }: { conversationId: string; status: string; messages: Message[] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const reasonText = useBotReason();
  const activity = useResource((signal) => getConversationBotActivity(account.id, conversationId, signal), [account.id, conversationId], {
    accountId: account.id,
    events: ['message.created', 'conversation.updated'],
  });
  const data = activity.data;
  const resolved = status === 'resolved' || status === 'closed';
  const questions = messages.filter((message) => message.direction === 'inbound' && message.body.trim());
  if (!data?.bot) return resolved ? <div className="bot-activity"><TeachBot conversationId={conversationId} questions={questions} /></div> : null;
  const { bot, turns } = data;
  const summary = bot.state === 'handling' ? t('bot.stateHandling')
    : bot.state === 'resolved' ? t('bot.stateResolved') : t('bot.stateHandedOver', { reason: reasonText(bot.handoverReason) });
  return (
    <div className="bot-activity" data-testid="bot-activity">
      <details>
        <summary>
          <strong>{t('bot.activityTitle')}</strong>: <span data-testid="bot-state">{summary}</span>
        </summary>
        <h4 className="panel-subtitle">{t('bot.whyHeading')}</h4>
        <ol className="bot-turns">
          {turns.map((turn) => {
            const matched = turn.intent ?? turn.article;
            const others = turn.candidates.filter((candidate) => candidate.id !== matched?.id);
            return (
              <li key={turn.customerMessageId}>
                <div className="muted small">{t('bot.turnQuestion', { text: turn.question.slice(0, 200) })}</div>
                <div>
                  <strong>{t(`bot.action.${turn.action}` as MessageKey)}</strong> — {t('bot.turnWhy', { reason: reasonText(turn.reason) })}
                </div>
                {matched ? (
                  <div>{t('bot.matched', { kind: turn.intent ? t('bot.kindIntent') : t('bot.kindArticle'), title: turn.intent ? turn.intent.name : (turn.article?.title ?? ''), score: turn.score === null ? '—' : turn.score.toFixed(2) })}</div>
                ) : null}
                {others.length ? (
                  <div className="muted small">{t('bot.alternatives', { list: others.map((c) => `${c.title} (${c.score.toFixed(2)})`).join(', ') })}</div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </details>
      <ErrorNotice error={activity.error} />
      {resolved ? <TeachBot conversationId={conversationId} questions={questions} /> : null}
    </div>
  );
}
