import { useState } from 'react';
import { isApiError } from '../../../api/api-error.ts';
import {
  createPrompt, getPrompt, listSegmentsForPrompts, type PromptContent, type PromptFields, type PromptLocale, updatePrompt,
} from '../../../api/prompt-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';
import { PromptPreview } from './prompt-preview.tsx';
import { PromptTryOut } from './prompt-try-out.tsx';

const LOCALES: PromptLocale[] = ['en', 'ja', 'zh'];

const BLANK: PromptFields = {
  name: '',
  kind: 'banner',
  placement: 'top',
  anchorSelector: null,
  status: 'draft',
  content: { en: { title: '', body: '', ctaLabel: '', imageUrl: '' } },
  action: { kind: 'dismiss' },
  triggerEvent: '',
  triggerFirstOnly: false,
  segmentId: null,
  surfaces: 'both',
  frequency: 'once',
  frequencyDays: null,
  startsAt: null,
  endsAt: null,
  priority: 0,
  pendingMinutes: 1440,
};

/** `datetime-local` works in the browser's zone; the API speaks ISO instants. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** What the API gets: empty languages and empty optional texts left out. */
function toRequest(fields: PromptFields): PromptFields {
  const content: PromptFields['content'] = {};
  for (const locale of LOCALES) {
    const entry = fields.content[locale];
    if (!entry || (!entry.title.trim() && !entry.body.trim())) continue;
    content[locale] = { title: entry.title, body: entry.body, ctaLabel: entry.ctaLabel?.trim() || null, imageUrl: entry.imageUrl?.trim() || null };
  }
  return {
    ...fields,
    content,
    anchorSelector: fields.kind === 'tooltip' ? fields.anchorSelector?.trim() || null : null,
    triggerEvent: fields.triggerEvent?.trim() || null,
    frequencyDays: fields.frequency === 'every_n_days' ? fields.frequencyDays : null,
  };
}

export function PromptEditor({ promptId }: { promptId: string | null }) {
  const account = useCurrentAccount();
  const { t } = useI18n();
  const existing = useResource((signal) => (promptId ? getPrompt(account.id, promptId, signal) : Promise.resolve(null)), [account.id, promptId]);
  const back = <Link to={paths.experience(account.id, 'prompts')}>← {t('prompts.back')}</Link>;
  if (existing.error) return <><PageHeader title={t('prompts.editTitle')} before={back} /><ErrorNotice error={existing.error} /></>;
  if (existing.loading) return <LoadingState />;
  return <PromptForm key={promptId ?? 'new'} promptId={promptId} initial={existing.data ?? BLANK} back={back} />;
}

function PromptForm({ promptId, initial, back }: { promptId: string | null; initial: PromptFields; back: React.ReactNode }) {
  const account = useCurrentAccount();
  const { t } = useI18n();
  const [fields, setFields] = useState<PromptFields>(initial);
  const [locale, setLocale] = useState<PromptLocale>('en');
  const [saved, setSaved] = useState(false);
  const segments = useResource((signal) => listSegmentsForPrompts(account.id, signal).catch(() => ({ segments: [] })), [account.id]);
  const form = useFormAction(async () => {
    setSaved(false);
    const request = toRequest(fields);
    if (promptId) {
      setFields({ ...fields, ...(await updatePrompt(account.id, promptId, request)) });
      setSaved(true);
    } else {
      const created = await createPrompt(account.id, request);
      navigate(paths.experience(account.id, 'prompts', created.id), { replace: true });
    }
  });
  const fieldError = (path: string) => (isApiError(form.error) ? form.error.fieldErrors.find((error) => error.path === path)?.message ?? null : null);
  const set = <K extends keyof PromptFields>(key: K, value: PromptFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const content: PromptContent = fields.content[locale] ?? { title: '', body: '', ctaLabel: '', imageUrl: '' };
  const setContent = (patch: Partial<PromptContent>) => setFields((current) => ({ ...current, content: { ...current.content, [locale]: { ...content, ...patch } } }));

  return (
    <>
      <PageHeader title={promptId ? t('prompts.editTitle') : t('prompts.new')} before={back} />
      <div className="prompt-editor">
        <form className="panel form prompt-editor-form" onSubmit={(event) => void form.handleSubmit(event)} noValidate>
          {form.error ? <ErrorNotice error={form.error} /> : null}
          <TextField id="prompt-name" label={t('prompts.name')} value={fields.name} onChange={(event) => set('name', event.target.value)} error={fieldError('name')} required />
          <div className="form-row">
            <div className="field field-grow">
              <label htmlFor="prompt-kind">{t('prompts.kind')}</label>
              <select id="prompt-kind" className="select" value={fields.kind} onChange={(event) => set('kind', event.target.value as PromptFields['kind'])}>
                {(['banner', 'modal', 'tooltip'] as const).map((kind) => <option key={kind} value={kind}>{t(`prompts.kind.${kind}`)}</option>)}
              </select>
            </div>
            {fields.kind === 'banner' ? (
              <div className="field field-grow">
                <label htmlFor="prompt-placement">{t('prompts.placement')}</label>
                <select id="prompt-placement" className="select" value={fields.placement} onChange={(event) => set('placement', event.target.value as 'top' | 'bottom')}>
                  <option value="top">{t('prompts.placement.top')}</option>
                  <option value="bottom">{t('prompts.placement.bottom')}</option>
                </select>
              </div>
            ) : null}
          </div>
          {fields.kind === 'tooltip' ? (
            <TextField id="prompt-anchor" label={t('prompts.anchor')} hint={t('prompts.anchorHint')} className="field field-grow" value={fields.anchorSelector ?? ''} onChange={(event) => set('anchorSelector', event.target.value)} error={fieldError('anchorSelector')} />
          ) : null}

          <fieldset className="prompt-fieldset">
            <legend className="panel-title">{t('prompts.content')}</legend>
            <div className="prompt-locale-tabs" role="group" aria-label={t('prompts.language')}>
              {LOCALES.map((item) => (
                <button key={item} type="button" className={`button button-small ${item === locale ? 'button-primary' : 'button-secondary'}`} aria-pressed={item === locale} onClick={() => setLocale(item)}>{t(`prompts.language.${item}`)}</button>
              ))}
            </div>
            <p className="field-hint">{t('prompts.contentHint')}</p>
            <TextField id="prompt-title" label={t('prompts.headline')} value={content.title} onChange={(event) => setContent({ title: event.target.value })} error={fieldError(`content.${locale}.title`)} lang={locale} />
            <div className="field field-grow">
              <label htmlFor="prompt-body">{t('prompts.body')}</label>
              <textarea id="prompt-body" className="textarea" rows={3} value={content.body} lang={locale} onChange={(event) => setContent({ body: event.target.value })} />
            </div>
            <TextField id="prompt-cta" label={t('prompts.ctaLabel')} value={content.ctaLabel ?? ''} onChange={(event) => setContent({ ctaLabel: event.target.value })} error={fieldError(`content.${locale}.ctaLabel`)} lang={locale} />
            <TextField id="prompt-image" label={t('prompts.imageUrl')} type="url" value={content.imageUrl ?? ''} onChange={(event) => setContent({ imageUrl: event.target.value })} error={fieldError(`content.${locale}.imageUrl`)} />
          </fieldset>

          <div className="form-row">
            <div className="field field-grow">
              <label htmlFor="prompt-action">{t('prompts.action')}</label>
              <select id="prompt-action" className="select" value={fields.action.kind} onChange={(event) => {
                const kind = event.target.value as PromptFields['action']['kind'];
                set('action', kind === 'url' ? { kind, url: '' } : { kind });
              }}>
                {(['url', 'open_chat', 'dismiss'] as const).map((kind) => <option key={kind} value={kind}>{t(`prompts.action.${kind}`)}</option>)}
              </select>
            </div>
            {fields.action.kind === 'url' ? (
              <TextField id="prompt-action-url" label={t('prompts.actionUrl')} hint={t('prompts.actionUrlHint')} type="text" inputMode="url" value={fields.action.url} onChange={(event) => set('action', { kind: 'url', url: event.target.value })} error={fieldError('action.url')} />
            ) : null}
          </div>

          <fieldset className="prompt-fieldset">
            <legend className="panel-title">{t('prompts.trigger')}</legend>
            <TextField id="prompt-trigger" label={t('prompts.triggerEvent')} hint={t('prompts.triggerHint')} className="field field-grow" value={fields.triggerEvent ?? ''} onChange={(event) => set('triggerEvent', event.target.value)} error={fieldError('triggerEvent')} />
            <label className="checkbox">
              <input type="checkbox" checked={fields.triggerFirstOnly} onChange={(event) => set('triggerFirstOnly', event.target.checked)} />
              {t('prompts.firstOnly')}
            </label>
          </fieldset>

          <fieldset className="prompt-fieldset">
            <legend className="panel-title">{t('prompts.targeting')}</legend>
            <div className="form-row">
              <div className="field field-grow">
                <label htmlFor="prompt-segment">{t('prompts.segment')}</label>
                <select id="prompt-segment" className="select" value={fields.segmentId ?? ''} onChange={(event) => set('segmentId', event.target.value || null)}>
                  <option value="">{t('prompts.everyone')}</option>
                  {(segments.data?.segments ?? []).map((segment) => <option key={segment.id} value={segment.id}>{segment.name}</option>)}
                </select>
              </div>
              <div className="field field-grow">
                <label htmlFor="prompt-surfaces">{t('prompts.surfaces')}</label>
                <select id="prompt-surfaces" className="select" value={fields.surfaces} onChange={(event) => set('surfaces', event.target.value as PromptFields['surfaces'])}>
                  {(['both', 'widget', 'portal'] as const).map((surface) => <option key={surface} value={surface}>{t(`prompts.surfaces.${surface}`)}</option>)}
                </select>
              </div>
            </div>
            <div className="form-row">
              <div className="field field-grow">
                <label htmlFor="prompt-frequency">{t('prompts.frequency')}</label>
                <select id="prompt-frequency" className="select" value={fields.frequency} onChange={(event) => set('frequency', event.target.value as PromptFields['frequency'])}>
                  {(['once', 'every_n_days', 'every_time'] as const).map((frequency) => <option key={frequency} value={frequency}>{t(`prompts.frequency.${frequency}`)}</option>)}
                </select>
              </div>
              {fields.frequency === 'every_n_days' ? (
                <TextField id="prompt-frequency-days" label={t('prompts.frequencyDays')} type="number" min={1} max={365} value={fields.frequencyDays ?? ''} onChange={(event) => set('frequencyDays', event.target.value ? Number(event.target.value) : null)} error={fieldError('frequencyDays')} />
              ) : null}
            </div>
            <div className="form-row">
              <TextField id="prompt-priority" label={t('prompts.priority')} hint={t('prompts.priorityHint')} type="number" min={-100} max={100} value={fields.priority} onChange={(event) => set('priority', Number(event.target.value) || 0)} error={fieldError('priority')} />
              <TextField id="prompt-pending" label={t('prompts.pendingMinutes')} hint={t('prompts.pendingHint')} type="number" min={1} value={fields.pendingMinutes} onChange={(event) => set('pendingMinutes', Number(event.target.value) || 1)} error={fieldError('pendingMinutes')} />
            </div>
          </fieldset>

          <fieldset className="prompt-fieldset">
            <legend className="panel-title">{t('prompts.schedule')}</legend>
            <div className="form-row">
              <TextField id="prompt-starts" label={t('prompts.startsAt')} type="datetime-local" value={toLocalInput(fields.startsAt)} onChange={(event) => set('startsAt', fromLocalInput(event.target.value))} error={fieldError('startsAt')} />
              <TextField id="prompt-ends" label={t('prompts.endsAt')} type="datetime-local" value={toLocalInput(fields.endsAt)} onChange={(event) => set('endsAt', fromLocalInput(event.target.value))} error={fieldError('endsAt')} />
            </div>
            <div className="field">
              <label htmlFor="prompt-status">{t('prompts.status')}</label>
              <select id="prompt-status" className="select" value={fields.status} onChange={(event) => set('status', event.target.value as PromptFields['status'])}>
                {(['draft', 'live', 'paused'] as const).map((status) => <option key={status} value={status}>{t(`prompts.status.${status}`)}</option>)}
              </select>
            </div>
          </fieldset>

          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={form.busy}>{t('prompts.save')}</button>
            {saved ? <span className="saved-note" role="status">{t('prompts.saved')}</span> : null}
          </div>
        </form>
        <aside className="prompt-editor-preview">
          <h2 className="panel-title">{t('prompts.preview')}</h2>
          <PromptPreview prompt={fields} locale={locale} />
          {promptId ? <PromptTryOut accountId={account.id} promptId={promptId} /> : null}
        </aside>
      </div>
    </>
  );
}
