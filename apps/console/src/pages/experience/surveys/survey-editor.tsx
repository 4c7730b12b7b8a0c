import { useId, useState } from 'react';
import { listInboxes } from '../../../api/endpoints.ts';
import { createSurvey, getSurvey, updateSurvey, type Survey, type SurveyChannel, type SurveyInput, type SurveyKind, type SurveyLocale, type SurveyStatus, type SurveyText, type SurveyTrigger } from '../../../api/survey-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';

const KINDS: SurveyKind[] = ['csat', 'nps', 'ces'];
const STATUSES: SurveyStatus[] = ['draft', 'live', 'paused'];
const CHANNELS: SurveyChannel[] = ['email', 'in_app', 'link'];
const LOCALES: SurveyLocale[] = ['en', 'ja', 'zh'];
const TRIGGER_KINDS: SurveyTrigger['kind'][] = ['conversation_resolved', 'order_placed', 'order_delivered', 'return_completed'];
const SCALE: Record<SurveyKind, { min: number; max: number; detractor: number }> = { csat: { min: 1, max: 5, detractor: 2 }, nps: { min: 0, max: 10, detractor: 6 }, ces: { min: 1, max: 7, detractor: 3 } };
const EMPTY_TEXT: SurveyText = { question: '', followUp: '', thanks: '' };

function blankSurvey(): SurveyInput {
  return { name: '', kind: 'nps', status: 'draft', texts: {}, triggers: [], channel: 'email', detractorMaxScore: SCALE.nps.detractor, detractorAction: true, detractorInboxId: null };
}

/** Create or edit a survey: wording per language, when to ask, channel, detractor follow-up. */
export function SurveyEditor({ surveyId }: { surveyId: string | null }) {
  const account = useCurrentAccount();
  const existing = useResource((signal) => (surveyId ? getSurvey(account.id, surveyId, signal) : Promise.resolve(null)), [account.id, surveyId]);
  if (existing.error) return <ErrorNotice error={existing.error} />;
  if (surveyId && !existing.data) return <LoadingState />;
  return <SurveyForm key={existing.data?.id ?? 'new'} survey={existing.data} />;
}

function SurveyForm({ survey }: { survey: Survey | null }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id]);
  const [draft, setDraft] = useState<SurveyInput>(() => (survey ? { name: survey.name, kind: survey.kind, status: survey.status, texts: survey.texts, triggers: survey.triggers, channel: survey.channel, detractorMaxScore: survey.detractorMaxScore, detractorAction: survey.detractorAction, detractorInboxId: survey.detractorInboxId } : blankSurvey()));
  const [language, setLanguage] = useState<SurveyLocale>('en');
  const set = (patch: Partial<SurveyInput>) => setDraft((current) => ({ ...current, ...patch }));
  const scale = SCALE[draft.kind];
  const builtIn = Boolean(survey?.builtIn);
  const text = draft.texts[language] ?? EMPTY_TEXT;
  const setText = (key: keyof SurveyText, value: string) => set({ texts: { ...draft.texts, [language]: { ...text, [key]: value } } });
  const triggerOf = (kind: SurveyTrigger['kind']) => draft.triggers.find((trigger) => trigger.kind === kind) ?? null;
  function toggleTrigger(kind: SurveyTrigger['kind'], on: boolean) {
    const others = draft.triggers.filter((trigger) => trigger.kind !== kind);
    set({ triggers: on ? [...others, kind === 'conversation_resolved' ? { kind, inboxIds: [] } : { kind, delayDays: kind === 'order_delivered' ? 7 : 0 }] : others });
  }
  function patchTrigger(next: SurveyTrigger) {
    set({ triggers: draft.triggers.map((trigger) => (trigger.kind === next.kind ? next : trigger)) });
  }
  const action = useFormAction(async () => {
    const { kind, triggers, ...rest } = draft;
    const saved = survey ? await updateSurvey(account.id, survey.id, builtIn ? rest : { ...rest, triggers }) : await createSurvey(account.id, { kind, triggers, ...rest });
    navigate(paths.experience(account.id, 'surveys', saved.id));
  });
  const title = survey ? t('surveys.editTitle') : t('surveys.newTitle');
  return (
    <div className="surveys">
      <PageHeader before={<Link to={paths.experience(account.id, 'surveys')} className="back-link">{t('surveys.back')}</Link>} title={title} description={builtIn ? t('surveys.builtInNote') : undefined} />
      <form className="form survey-form" onSubmit={action.handleSubmit}>
        <div className="form-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>{t('surveys.name')}</label>
            <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => set({ name: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('surveys.kind')}</label>
            <select id={`${id}-kind`} className="select" value={draft.kind} disabled={Boolean(survey)} onChange={(event) => { const kind = event.target.value as SurveyKind; set({ kind, detractorMaxScore: SCALE[kind].detractor }); }}>
              {KINDS.map((kind) => <option key={kind} value={kind}>{t(`surveys.kind.${kind}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('surveys.status')}</label>
            <select id={`${id}-status`} className="select" value={draft.status} onChange={(event) => set({ status: event.target.value as SurveyStatus })}>
              {STATUSES.map((status) => <option key={status} value={status}>{t(`surveys.status.${status}`)}</option>)}
            </select>
          </div>
        </div>

        <fieldset className="survey-fieldset">
          <legend>{t('surveys.texts')}</legend>
          <p className="field-hint">{t('surveys.textsHint')}</p>
          <div className="segmented" role="group" aria-label={t('surveys.texts')}>
            <ul>
              {LOCALES.map((locale) => (
                <li key={locale}><button type="button" className="segmented-item" aria-pressed={language === locale} onClick={() => setLanguage(locale)}>{t(`surveys.language.${locale}`)}</button></li>
              ))}
            </ul>
          </div>
          <div className="field">
            <label htmlFor={`${id}-question`}>{t('surveys.question')} ({t(`surveys.language.${language}`)})</label>
            <input id={`${id}-question`} className="input" maxLength={300} lang={language} value={text.question} onChange={(event) => setText('question', event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-followup`}>{t('surveys.followUpQuestion')} ({t(`surveys.language.${language}`)})</label>
            <input id={`${id}-followup`} className="input" maxLength={300} lang={language} value={text.followUp} onChange={(event) => setText('followUp', event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-thanks`}>{t('surveys.thanks')} ({t(`surveys.language.${language}`)})</label>
            <input id={`${id}-thanks`} className="input" maxLength={300} lang={language} value={text.thanks} onChange={(event) => setText('thanks', event.target.value)} />
          </div>
        </fieldset>

        {builtIn ? null : (
          <fieldset className="survey-fieldset">
            <legend>{t('surveys.attach')}</legend>
            <p className="field-hint">{t('surveys.attachHint')}</p>
            {TRIGGER_KINDS.map((kind) => {
              const trigger = triggerOf(kind);
              return (
                <div key={kind} className="survey-trigger">
                  <label className="checkbox">
                    <input type="checkbox" checked={trigger !== null} onChange={(event) => toggleTrigger(kind, event.target.checked)} />
                    {t(`surveys.trigger.${kind}`)}
                  </label>
                  {trigger && trigger.kind !== 'conversation_resolved' ? (
                    <div className="field survey-delay">
                      <label htmlFor={`${id}-${kind}-delay`}>{t('surveys.delayDays')}</label>
                      <input id={`${id}-${kind}-delay`} className="input" type="number" min={0} max={365} value={trigger.delayDays} onChange={(event) => patchTrigger({ kind: trigger.kind, delayDays: Math.max(0, Number(event.target.value) || 0) })} />
                    </div>
                  ) : null}
                  {trigger && trigger.kind === 'conversation_resolved' ? (
                    <fieldset className="checkbox-group survey-inboxes">
                      <legend className="field-label-small">{t('surveys.inboxes')}</legend>
                      {(inboxes.data ?? []).map((inbox) => (
                        <label key={inbox.id} className="checkbox-inline">
                          <input type="checkbox" checked={trigger.inboxIds.includes(inbox.id)} onChange={(event) => patchTrigger({ kind: 'conversation_resolved', inboxIds: event.target.checked ? [...trigger.inboxIds, inbox.id] : trigger.inboxIds.filter((item) => item !== inbox.id) })} />
                          {inbox.name}
                        </label>
                      ))}
                    </fieldset>
                  ) : null}
                </div>
              );
            })}
            <div className="field">
              <label htmlFor={`${id}-channel`}>{t('surveys.channel')}</label>
              <select id={`${id}-channel`} className="select" value={draft.channel} onChange={(event) => set({ channel: event.target.value as SurveyChannel })}>
                {CHANNELS.map((channel) => <option key={channel} value={channel}>{t(`surveys.channel.${channel}`)}</option>)}
              </select>
            </div>
          </fieldset>
        )}

        <fieldset className="survey-fieldset">
          <legend>{t('surveys.detractor')}</legend>
          <div className="field">
            <label htmlFor={`${id}-detractor`}>{t('surveys.detractorMax')}</label>
            <input id={`${id}-detractor`} className="input" type="number" min={scale.min} max={scale.max - 1} required value={draft.detractorMaxScore} onChange={(event) => set({ detractorMaxScore: Number(event.target.value) })} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={draft.detractorAction} onChange={(event) => set({ detractorAction: event.target.checked })} />
            {t('surveys.detractorAction')}
          </label>
          {draft.detractorAction ? (
            <div className="field">
              <label htmlFor={`${id}-inbox`}>{t('surveys.detractorInbox')}</label>
              <select id={`${id}-inbox`} className="select" value={draft.detractorInboxId ?? ''} onChange={(event) => set({ detractorInboxId: event.target.value || null })}>
                <option value="">{t('surveys.firstInbox')}</option>
                {(inboxes.data ?? []).map((inbox) => <option key={inbox.id} value={inbox.id}>{inbox.name}</option>)}
              </select>
            </div>
          ) : null}
        </fieldset>

        {action.error ? <ErrorNotice error={action.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>{survey ? t('surveys.save') : t('surveys.create')}</button>
        </div>
      </form>
    </div>
  );
}
