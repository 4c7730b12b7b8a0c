import { useState } from 'react';
import { isApiError } from '../../../api/api-error.ts';
import { listInboxes } from '../../../api/endpoints.ts';
import {
  addLiveSource, createLiveFeed, deleteLiveFeed, getLiveFeed, type LiveFeedFields, type LivePostKind, listLiveSources, type LiveSource, removeLiveSource, updateLiveFeed,
} from '../../../api/live-feed-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { navigate } from '../../../router/history.ts';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';

const BLANK: LiveFeedFields = { name: '', slug: '', moderation: 'manual', postsPerMinute: 3, allowedKinds: ['text', 'emoji', 'photo'], locale: 'en', builtinBlocklist: true, blockLinks: true };
const KINDS: LivePostKind[] = ['text', 'emoji', 'photo'];
const slugOf = (name: string) => name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);

/** `/a/:accountId/engagement/live/new` and `…/:feedId/settings`: the feed's settings and, once saved, its social sources. */
export function LiveFeedEditor({ feedId }: { feedId: string | null }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const existing = useResource((signal) => (feedId ? getLiveFeed(account.id, feedId, signal) : Promise.resolve(null)), [account.id, feedId]);
  const back = <Link to={feedId ? paths.engagement(account.id, 'live', feedId) : paths.engagement(account.id, 'live')}>← {t('live.back')}</Link>;
  if (existing.error) return <><PageHeader title={t('live.settings')} before={back} /><ErrorNotice error={existing.error} /></>;
  if (existing.loading) return <LoadingState />;
  return (
    <>
      <FeedForm key={feedId ?? 'new'} feedId={feedId} initial={existing.data ?? BLANK} back={back} />
      {feedId ? <LiveSources feedId={feedId} /> : null}
      {feedId ? <DeleteFeed feedId={feedId} /> : null}
    </>
  );
}

function FeedForm({ feedId, initial, back }: { feedId: string | null; initial: LiveFeedFields; back: React.ReactNode }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [fields, setFields] = useState<LiveFeedFields>({ ...BLANK, ...pick(initial) });
  const [slugTouched, setSlugTouched] = useState(Boolean(feedId));
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof LiveFeedFields>(key: K, value: LiveFeedFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const form = useFormAction(async () => {
    setSaved(false);
    if (feedId) {
      setFields(pick(await updateLiveFeed(account.id, feedId, fields)));
      setSaved(true);
    } else {
      const created = await createLiveFeed(account.id, fields);
      navigate(paths.engagement(account.id, 'live', created.id), { replace: true });
    }
  });
  const fieldError = (path: string) => (isApiError(form.error) ? form.error.fieldErrors.find((error) => error.path === path)?.message ?? null : null);
  return (
    <>
      <PageHeader title={feedId ? t('live.settings') : t('live.new')} before={back} />
      <form className="panel form live-editor" onSubmit={(event) => void form.handleSubmit(event)} noValidate>
        {form.error ? <ErrorNotice error={form.error} /> : null}
        <TextField id="live-name" label={t('live.name')} value={fields.name} required maxLength={120}
          onChange={(event) => { set('name', event.target.value); if (!slugTouched) set('slug', slugOf(event.target.value)); }} error={fieldError('name')} />
        <TextField id="live-slug" label={t('live.slug')} hint={t('live.slugHint')} value={fields.slug} required maxLength={63}
          onChange={(event) => { setSlugTouched(true); set('slug', event.target.value); }} error={fieldError('slug')} />
        <div className="form-row">
          <div className="field field-grow">
            <label htmlFor="live-moderation">{t('live.moderation')}</label>
            <select id="live-moderation" className="select" value={fields.moderation} onChange={(event) => set('moderation', event.target.value as LiveFeedFields['moderation'])} aria-describedby="live-moderation-hint">
              <option value="manual">{t('live.mode.manual')}</option>
              <option value="automatic">{t('live.mode.automatic')}</option>
            </select>
            <p id="live-moderation-hint" className="field-hint">{t('live.moderationHint')}</p>
          </div>
          <div className="field field-grow">
            <label htmlFor="live-locale">{t('live.locale')}</label>
            <select id="live-locale" className="select" value={fields.locale} onChange={(event) => set('locale', event.target.value as LiveFeedFields['locale'])}>
              <option value="en">English</option><option value="ja">日本語</option><option value="zh">中文</option>
            </select>
          </div>
          <TextField id="live-rate" label={t('live.postsPerMinute')} hint={t('live.postsPerMinuteHint')} type="number" min={1} max={60} value={String(fields.postsPerMinute)}
            onChange={(event) => set('postsPerMinute', Number(event.target.value))} error={fieldError('postsPerMinute')} />
        </div>
        <fieldset className="live-fieldset">
          <legend>{t('live.allowedKinds')}</legend>
          {KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input type="checkbox" checked={fields.allowedKinds.includes(kind)} onChange={(event) => set('allowedKinds', event.target.checked ? [...fields.allowedKinds, kind] : fields.allowedKinds.filter((k) => k !== kind))} /> {t(`live.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="live-fieldset">
          <legend>{t('live.filters')}</legend>
          <label className="checkbox"><input type="checkbox" checked={fields.builtinBlocklist} onChange={(event) => set('builtinBlocklist', event.target.checked)} /> {t('live.builtinBlocklist')}</label>
          <label className="checkbox"><input type="checkbox" checked={fields.blockLinks} onChange={(event) => set('blockLinks', event.target.checked)} /> {t('live.blockLinks')}</label>
          <p className="field-hint">{t('live.filtersHint')}</p>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>{feedId ? t('live.save') : t('live.create')}</button>
          {saved ? <span className="saved-note" role="status">{t('live.saved')}</span> : null}
        </div>
      </form>
    </>
  );
}

function pick(feed: LiveFeedFields): LiveFeedFields {
  const { name, slug, moderation, postsPerMinute, allowedKinds, locale, builtinBlocklist, blockLinks } = feed;
  return { name, slug, moderation, postsPerMinute, allowedKinds, locale, builtinBlocklist, blockLinks };
}

function LiveSources({ feedId }: { feedId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const sources = useResource((signal) => listLiveSources(account.id, feedId, signal), [account.id, feedId]);
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id]);
  const [draft, setDraft] = useState<Omit<LiveSource, 'id'>>({ kind: 'instagram', inboxId: null, postId: null, hashtag: null });
  const metaInboxes = (inboxes.data ?? []).filter((inbox) => inbox.channel === (draft.kind === 'instagram' ? 'instagram' : 'messenger'));
  const form = useFormAction(async () => {
    await addLiveSource(account.id, feedId, { ...draft, inboxId: draft.kind === 'hashtag' ? null : draft.inboxId ?? metaInboxes[0]?.id ?? null });
    setDraft({ ...draft, postId: null, hashtag: null });
    sources.reload();
  });
  const inboxName = (id: string | null) => inboxes.data?.find((inbox) => inbox.id === id)?.name ?? '';
  return (
    <section className="panel live-sources" aria-labelledby="live-sources-title">
      <h2 id="live-sources-title" className="panel-title">{t('live.sources')}</h2>
      <p className="field-hint">{t('live.sourcesHint')}</p>
      {sources.data && sources.data.sources.length > 0 ? (
        <ul className="live-source-list">
          {sources.data.sources.map((source) => (
            <li key={source.id}>
              <span className="badge">{t(`live.source.${source.kind}`)}</span> {inboxName(source.inboxId)} {source.postId ? <span className="mono small">{t('live.onPost', { post: source.postId })}</span> : null} {source.hashtag ? <span className="mono">#{source.hashtag}</span> : null}
              <ConfirmButton label={t('live.disconnect')} confirmLabel={t('live.confirmDisconnect')} onConfirm={async () => { await removeLiveSource(account.id, feedId, source.id); sources.reload(); }} />
            </li>
          ))}
        </ul>
      ) : <p className="muted">{t('live.noSources')}</p>}
      <form className="form-row live-source-form" onSubmit={(event) => void form.handleSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor="live-source-kind">{t('live.sourceKind')}</label>
          <select id="live-source-kind" className="select" value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value as LiveSource['kind'], inboxId: null })}>
            {(['instagram', 'facebook', 'hashtag'] as const).map((kind) => <option key={kind} value={kind}>{t(`live.source.${kind}`)}</option>)}
          </select>
        </div>
        {draft.kind !== 'hashtag' ? (
          <div className="field">
            <label htmlFor="live-source-inbox">{t('live.inbox')}</label>
            <select id="live-source-inbox" className="select" value={draft.inboxId ?? metaInboxes[0]?.id ?? ''} onChange={(event) => setDraft({ ...draft, inboxId: event.target.value })}>
              {metaInboxes.length === 0 ? <option value="">{t('live.noInbox')}</option> : null}
              {metaInboxes.map((inbox) => <option key={inbox.id} value={inbox.id}>{inbox.name}</option>)}
            </select>
          </div>
        ) : null}
        {draft.kind !== 'hashtag' ? <TextField id="live-source-post" label={t('live.postId')} className="field" value={draft.postId ?? ''} onChange={(event) => setDraft({ ...draft, postId: event.target.value })} error={null} /> : null}
        <TextField id="live-source-tag" label={t('live.hashtag')} className="field" value={draft.hashtag ?? ''} onChange={(event) => setDraft({ ...draft, hashtag: event.target.value })} error={null} />
        <div className="form-actions"><button type="submit" className="button button-secondary" disabled={form.busy}>{t('live.connect')}</button></div>
      </form>
      {form.error ? <ErrorNotice error={form.error} /> : null}
    </section>
  );
}

function DeleteFeed({ feedId }: { feedId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const [error, setError] = useState<unknown>(null);
  if (!isAdmin) return null;
  return (
    <section className="panel live-danger" aria-labelledby="live-delete-title">
      <h2 id="live-delete-title" className="panel-title">{t('live.deleteTitle')}</h2>
      <p className="field-hint">{t('live.deleteHint')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <ConfirmButton label={t('live.delete')} confirmLabel={t('live.confirmDelete')} onConfirm={async () => {
        try {
          await deleteLiveFeed(account.id, feedId);
          navigate(paths.engagement(account.id, 'live'), { replace: true });
        } catch (reason) {
          setError(reason);
        }
      }} />
    </section>
  );
}
