import { useEffect, useId, useState } from 'react';
import {
  type BotLocale, type BotPreview, type BotReplies, type InboxBotSettings, type IntentSummary, addIntentExamples, createIntent, deleteIntent, deleteIntentExample,
  getIntent, getModelStatus, listInboxBotSettings, listIntents, previewBot, updateInboxBotSettings, updateIntent,
} from '../../api/answer-bot-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_NAMES } from '../../i18n/locales.ts';
import { MESSAGES, type MessageKey } from '../../i18n/messages.ts';
import { IntentImportPanel } from './answer-bot-import.tsx';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { FormButtons } from './helpdesk-shared.tsx';
import './answer-bot.css';

const BOT_LOCALES: BotLocale[] = ['en', 'ja', 'zh'];
const splitLines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** The bot's reasons as the console says them (`bot.reason.*`); an unknown one shows as it is. */
export function useBotReason() {
  const { t } = useI18n();
  return (reason: string | null) => {
    const key = `bot.reason.${reason ?? ''}`;
    return key in MESSAGES.en ? t(key as MessageKey) : (reason ?? '');
  };
}

function ModelStatusPanel({ accountId }: { accountId: string }) {
  const { t, formatRelative, formatNumber } = useI18n();
  const id = useId();
  const model = useResource((signal) => getModelStatus(accountId, signal), [accountId]);
  const data = model.data;
  // Training happens in the background: look again shortly while it runs.
  const { reload } = model;
  useEffect(() => {
    if (data?.state !== 'training') return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [data, reload]);
  let text = '';
  if (data) {
    if (data.state === 'ready') text = t('bot.modelReady', { examples: formatNumber(data.exampleCount), intents: formatNumber(data.intentCount), time: formatRelative(data.trainedAt), ms: formatNumber(data.trainingMs ?? 0) });
    else if (data.state === 'training') text = t('bot.modelTraining');
    else if (data.state === 'failed') text = t('bot.modelFailed', { error: data.error ?? '' });
    else if (data.state === 'not_enough_data') text = t('bot.modelNotEnough');
    else text = t('bot.modelNone');
  }
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('bot.modelHeading')}</h2>
      <ErrorNotice error={model.error} />
      <p role="status" data-testid="bot-model-status">{text}</p>
    </section>
  );
}

function InboxRow({ accountId, settings, onSaved }: { accountId: string; settings: InboxBotSettings; onSaved(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [threshold, setThreshold] = useState(String(settings.answerThreshold));
  const [maxAnswers, setMaxAnswers] = useState(String(settings.maxAnswers));
  const [saved, setSaved] = useState(false);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    setSaved(false);
    await updateInboxBotSettings(accountId, settings.inboxId, { enabled, answerThreshold: Number(threshold), maxAnswers: Number(maxAnswers) });
    setSaved(true);
    onSaved();
  });
  return (
    <li>
      <form className="form bot-inbox-row" onSubmit={handleSubmit} aria-label={settings.inboxName}>
        <ErrorNotice error={error} />
        <label className="checkbox" htmlFor={`${id}-enabled`}>
          <input id={`${id}-enabled`} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          <span>{t('bot.inboxEnabled', { inbox: settings.inboxName })} <span className="muted">({settings.channel})</span></span>
        </label>
        <div className="form-row form-row-end">
          <div className="field">
            <label htmlFor={`${id}-threshold`}>{t('bot.threshold')}</label>
            <input id={`${id}-threshold`} className="input" type="number" min={0.05} max={0.99} step={0.05} value={threshold} onChange={(event) => setThreshold(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-max`}>{t('bot.maxAnswers')}</label>
            <input id={`${id}-max`} className="input" type="number" min={1} max={20} step={1} value={maxAnswers} onChange={(event) => setMaxAnswers(event.target.value)} />
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>{t('common.save')}</button>
          <span role="status" className="muted small">{saved ? t('common.saved') : ''}</span>
        </div>
      </form>
    </li>
  );
}

function InboxesPanel({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const id = useId();
  const inboxes = useResource((signal) => listInboxBotSettings(accountId, signal), [accountId]);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('bot.inboxesHeading')}</h2>
      <p className="muted">{t('bot.inboxesHint')}</p>
      <ErrorNotice error={inboxes.error} />
      <ul className="plain-list bot-inbox-list">
        {(inboxes.data ?? []).map((settings) => <InboxRow key={settings.inboxId} accountId={accountId} settings={settings} onSaved={inboxes.reload} />)}
      </ul>
    </section>
  );
}

function TryPanel({ accountId }: { accountId: string }) {
  const { t, locale } = useI18n();
  const id = useId();
  const reasonText = useBotReason();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<BotLocale>(locale);
  const [result, setResult] = useState<BotPreview | null>(null);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    setResult(await previewBot(accountId, { text, locale: language }));
  });
  const verdict = !result ? '' : result.action === 'answer' ? t('bot.tryAnswer', { title: result.candidates[0]?.title ?? '' })
    : result.action === 'clarify' ? t('bot.tryClarify')
      : result.action === 'greet' ? t('bot.tryGreet') : t('bot.tryHandover', { reason: reasonText(result.reason) });
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('bot.tryHeading')}</h2>
      <form className="form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="form-row form-row-end">
          <div className="field field-grow">
            <label htmlFor={`${id}-question`}>{t('bot.tryQuestion')}</label>
            <input id={`${id}-question`} className="input" required maxLength={2000} value={text} onChange={(event) => setText(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('bot.tryLanguage')}</label>
            <select id={`${id}-language`} className="select" value={language} onChange={(event) => setLanguage(event.target.value as BotLocale)}>
              {BOT_LOCALES.map((code) => <option key={code} value={code}>{LOCALE_NAMES[code]}</option>)}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>{t('bot.tryButton')}</button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {result ? (
          <>
            <p data-testid="bot-try-verdict"><strong>{verdict}</strong></p>
            {result.candidates.length ? (
              <>
                <h3 className="panel-subtitle">{t('bot.candidates')}</h3>
                <ol className="bot-candidates">
                  {result.candidates.map((candidate) => (
                    <li key={`${candidate.kind}-${candidate.id}`}>
                      {candidate.title} <span className="muted">({candidate.kind === 'intent' ? t('bot.kindIntent') : t('bot.kindArticle')}, {t('bot.scoreValue', { score: candidate.score.toFixed(2) })})</span>
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}

function RepliesFields({ idPrefix, replies, onChange }: { idPrefix: string; replies: BotReplies; onChange(replies: BotReplies): void }) {
  const { t } = useI18n();
  return (
    <>
      {BOT_LOCALES.map((code) => (
        <div className="field" key={code}>
          <label htmlFor={`${idPrefix}-reply-${code}`}>{t('bot.replyIn', { language: LOCALE_NAMES[code] })}</label>
          <textarea id={`${idPrefix}-reply-${code}`} className="textarea" rows={3} maxLength={4000} lang={code} value={replies[code] ?? ''} onChange={(event) => onChange({ ...replies, [code]: event.target.value })} />
        </div>
      ))}
    </>
  );
}

function CreateIntentForm({ accountId, onCreated }: { accountId: string; onCreated(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [replies, setReplies] = useState<BotReplies>({});
  const [examples, setExamples] = useState('');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    await createIntent(accountId, { name: name.trim(), replies, examples: splitLines(examples) });
    setName('');
    setReplies({});
    setExamples('');
    onCreated();
  });
  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('bot.intentName')}</label>
        <input id={`${id}-name`} className="input" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <RepliesFields idPrefix={id} replies={replies} onChange={setReplies} />
      <div className="field">
        <label htmlFor={`${id}-examples`}>{t('bot.examplesField')}</label>
        <textarea id={`${id}-examples`} className="textarea" rows={5} value={examples} onChange={(event) => setExamples(event.target.value)} />
      </div>
      <FormButtons disabled={busy} submitLabel={t('bot.createIntent')} />
    </form>
  );
}

function EditIntentForm({ accountId, intent, close }: { accountId: string; intent: IntentSummary; close(saved: boolean): void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(intent.name);
  const [replies, setReplies] = useState<BotReplies>(intent.replies);
  const [enabled, setEnabled] = useState(intent.enabled);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    await updateIntent(accountId, intent.id, { name: name.trim(), replies, enabled });
    close(true);
  });
  return (
    <form className="form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('bot.intentName')}</label>
        <input id={`${id}-name`} className="input" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <RepliesFields idPrefix={id} replies={replies} onChange={setReplies} />
      <label className="checkbox" htmlFor={`${id}-enabled`}>
        <input id={`${id}-enabled`} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        <span>{t('bot.intentOn')}</span>
      </label>
      <FormButtons disabled={busy} submitLabel={t('common.save')} onCancel={() => close(false)} />
    </form>
  );
}

function IntentPhrases({ accountId, intent, onChanged }: { accountId: string; intent: IntentSummary; onChanged(): void }) {
  const { t } = useI18n();
  const id = useId();
  const detail = useResource((signal) => getIntent(accountId, intent.id, signal), [accountId, intent.id]);
  const [text, setText] = useState('');
  const [removeError, setRemoveError] = useState<unknown>(null);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    await addIntentExamples(accountId, intent.id, splitLines(text));
    setText('');
    detail.reload();
    onChanged();
  });
  return (
    <details className="bot-phrases">
      <summary>{t('bot.phrasesOf', { name: intent.name })}</summary>
      <ErrorNotice error={detail.error ?? removeError} />
      <ul className="bot-phrase-list">
        {(detail.data?.examples ?? []).map((example) => (
          <li key={example.id}>
            <span>{example.text}</span>
            {example.source === 'conversation' ? <span className="badge">{t('bot.sourceConversation')}</span> : null}
            {example.source === 'import' ? <span className="muted small">{t('bot.sourceImport')}</span> : null}
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={t('bot.removePhrase', { text: example.text })}
              onClick={() => {
                setRemoveError(null);
                void deleteIntentExample(accountId, intent.id, example.id).then(() => { detail.reload(); onChanged(); }).catch(setRemoveError);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="field">
          <label htmlFor={`${id}-add`}>{t('bot.examplesField')}</label>
          <textarea id={`${id}-add`} className="textarea" rows={3} required value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <FormButtons disabled={busy} submitLabel={t('bot.addPhrases')} />
      </form>
    </details>
  );
}

/**
 * Settings → Answer bot (admins): the model, where the bot answers, a box to try it, the intents with their replies
 * and phrases, and the CSV import.
 */
export function AnswerBotPage() {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const intents = useResource((signal) => listIntents(account.id, signal), [account.id]);
  const [modelKey, setModelKey] = useState(0);
  const changed = () => {
    intents.reload();
    setModelKey((key) => key + 1);
  };

  return (
    <>
      <PageHeader title={t('settings.answerBot')} description={t('bot.description')} />
      <ModelStatusPanel key={modelKey} accountId={account.id} />
      <InboxesPanel accountId={account.id} />
      <TryPanel accountId={account.id} />
      <CreatePanel heading={t('bot.intentCreateHeading')}>
        <CreateIntentForm accountId={account.id} onCreated={changed} />
      </CreatePanel>
      <IntentImportPanel accountId={account.id} onImported={changed} />
      <EditableList
        heading={t('bot.intentsHeading')}
        resource={intents}
        emptyTitle={t('bot.noIntents')}
        readName={(intent) => intent.name}
        deleteConfirm={t('bot.deleteIntent')}
        deleteItem={async (intent) => {
          await deleteIntent(account.id, intent.id);
          setModelKey((key) => key + 1);
        }}
        renderEditor={(intent, close) => <EditIntentForm accountId={account.id} intent={intent} close={(saved) => { close(saved); if (saved) setModelKey((key) => key + 1); }} />}
        renderItem={(intent, actions) => (
          <div className="bot-intent">
            <div className="helpdesk-item-row">
              <span className="helpdesk-item-name">{intent.name}</span>
              <span className="muted small">{t('bot.exampleCount', { count: formatNumber(intent.exampleCount) })}</span>
              {!intent.enabled ? <span className="badge">{t('bot.intentOff')}</span> : null}
              {Object.values(intent.replies).every((reply) => !reply) ? <span className="badge badge-warning">{t('bot.noReply')}</span> : null}
              {actions}
            </div>
            <IntentPhrases accountId={account.id} intent={intent} onChanged={changed} />
          </div>
        )}
      />
    </>
  );
}
