import { useEffect, useId, useRef, useState } from 'react';
import {
  createHelpArticle, deleteHelpArticle, getHelpArticle, getHelpCenterSettings, type HelpArticle, type HelpTranslationInput, listHelpArticles, listHelpCategories,
  previewHelpMarkdown, saveHelpTranslation, setHelpTranslationPublished, updateHelpArticle, uploadHelpImage,
} from '../../api/help-center-endpoints.ts';
import type { Locale } from '../../api/types.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_TAGS, LOCALES } from '../../i18n/locales.ts';
import { Link } from '../../router/link.tsx';
import { navigate } from '../../router/history.ts';
import { useLocation } from '../../router/use-location.ts';
import { paths } from '../../routes/paths.ts';
import { CheckboxPills } from '../settings/helpdesk-shared.tsx';
import { categoryName, localeName, StatusBadge } from './help-center-page.tsx';
import { LanguageTabs } from '../../components/language-tabs.tsx';

type Draft = Required<Pick<HelpTranslationInput, 'title' | 'description' | 'body' | 'slug'>>;
const EMPTY: Draft = { title: '', description: '', body: '', slug: '' };

function draftsOf(article: HelpArticle | null): Record<Locale, Draft> {
  const drafts = {} as Record<Locale, Draft>;
  for (const locale of LOCALES) {
    const translation = article?.translations[locale];
    drafts[locale] = translation ? { title: translation.title, description: translation.description, body: translation.body, slug: translation.slug } : { ...EMPTY };
  }
  return drafts;
}

/** The editor of one article: a tab per language (title, slug, summary, Markdown with live preview, images), and its details. */
export function ArticleEditor({ articleId }: { articleId: string | null }) {
  const { t, locale: uiLocale } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = account.role === 'admin';
  const loaded = useResource((signal) => (articleId ? getHelpArticle(account.id, articleId, signal) : Promise.resolve(null)), [account.id, articleId]);
  const categories = useResource((signal) => listHelpCategories(account.id, signal), [account.id]);
  const others = useResource((signal) => listHelpArticles(account.id, { locale: uiLocale }, signal), [account.id, uiLocale]);
  const settings = useResource((signal) => getHelpCenterSettings(account.id, signal), [account.id]);

  const [article, setArticle] = useState<HelpArticle | null>(null);
  const [drafts, setDrafts] = useState<Record<Locale, Draft>>(() => draftsOf(null));
  const { search } = useLocation();
  // `?lang=ja` opens that language's tab (a new article keeps its tab once it has its own URL).
  const [tab, setTab] = useState<Locale>(() => LOCALES.find((locale) => locale === search.get('lang')) ?? uiLocale);
  const [categoryId, setCategoryId] = useState<string>('');
  const [related, setRelated] = useState<string[]>([]);
  const [position, setPosition] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const id = useId();
  /** A new article gets its own URL once everything the click asked for (save, then maybe publish) is done. */
  const createdId = useRef<string | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setArticle(loaded.data);
    setDrafts(draftsOf(loaded.data));
    setCategoryId(loaded.data.categoryId ?? '');
    setRelated(loaded.data.relatedArticleIds);
    setPosition(loaded.data.position);
  }, [loaded.data]);

  if (articleId && loaded.loading && !article) return <LoadingState />;
  if (articleId && loaded.error) return <ErrorNotice error={loaded.error} />;

  const current = article?.translations[tab] ?? null;
  const draft = drafts[tab];
  const dirty = !current || draft.title !== current.title || draft.description !== current.description || draft.body !== current.body || (draft.slug !== '' && draft.slug !== current.slug);
  const setDraft = (patch: Partial<Draft>) => setDrafts((all) => ({ ...all, [tab]: { ...all[tab], ...patch } }));
  const title = Object.values(article?.translations ?? {}).find((translation) => translation.locale === uiLocale)?.title || (article ? Object.values(article.translations)[0]?.title : '') || t('help.newArticle');

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      setMessage(await action());
      if (createdId.current) navigate(`${paths.helpArticle(account.id, createdId.current)}?lang=${tab}`, { replace: true });
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  const input = (): HelpTranslationInput => ({ title: draft.title, description: draft.description, body: draft.body, ...(draft.slug ? { slug: draft.slug } : {}) });

  async function save(): Promise<HelpArticle> {
    if (!article) {
      const created = await createHelpArticle(account.id, { categoryId: categoryId || null, translations: { [tab]: input() } });
      createdId.current = created.id;
      setArticle(created);
      return created;
    }
    const saved = await saveHelpTranslation(account.id, article.id, tab, input());
    setArticle(saved);
    setDrafts((all) => ({ ...all, [tab]: draftsOf(saved)[tab] }));
    return saved;
  }

  const publicUrl = current?.status === 'published' && settings.data ? `${settings.data.path}/${tab}/articles/${current.slug}` : null;

  return (
    <>
      <PageHeader title={title} before={<Link className="back-link" to={paths.helpCenter(account.id)}>← {t('help.back')}</Link>} />
      <p className="visually-hidden" role="status" aria-live="polite">{message}</p>
      <div className="help-editor-layout">
        <section className="panel help-editor-main" aria-labelledby={`${id}-languages`}>
          <h2 id={`${id}-languages`} className="visually-hidden">{t('help.languages')}</h2>
          <LanguageTabs
            idPrefix={id}
            label={t('help.languages')}
            locales={LOCALES}
            current={tab}
            onSelect={setTab}
            renderTab={(locale) => <><span lang={LOCALE_TAGS[locale]}>{localeName(locale)}</span><StatusBadge status={article?.translations[locale]?.status ?? 'missing'} /></>}
          />
          <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`}>
          <form
            className="form help-translation-form"
            lang={LOCALE_TAGS[tab]}
            onSubmit={(event) => {
              event.preventDefault();
              void run(async () => {
                await save();
                return t('help.savedDraft');
              });
            }}
          >
            <ErrorNotice error={error} />
            <div className="field">
              <label htmlFor={`${id}-title`}>{t('help.field.title')}</label>
              <input id={`${id}-title`} className="input" required maxLength={200} value={draft.title} onChange={(event) => setDraft({ title: event.target.value })} />
            </div>
            <div className="form-row">
              <div className="field field-grow">
                <label htmlFor={`${id}-slug`}>{t('help.field.slug')}</label>
                <input id={`${id}-slug`} className="input input-mono" pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={100} value={draft.slug} onChange={(event) => setDraft({ slug: event.target.value })} aria-describedby={`${id}-slug-hint`} />
                <p id={`${id}-slug-hint`} className="field-hint">{t('help.field.slugHint')}</p>
              </div>
            </div>
            <div className="field">
              <label htmlFor={`${id}-description`}>{t('help.field.description')}</label>
              <input id={`${id}-description`} className="input" maxLength={500} value={draft.description} onChange={(event) => setDraft({ description: event.target.value })} aria-describedby={`${id}-description-hint`} />
              <p id={`${id}-description-hint`} className="field-hint">{t('help.field.descriptionHint')}</p>
            </div>
            <MarkdownField id={`${id}-body`} accountId={account.id} value={draft.body} onChange={(body) => setDraft({ body })} onMessage={setMessage} onError={setError} />
            <div className="form-actions">
              <button type="submit" className="button button-secondary" disabled={busy || !dirty}>
                {current?.status === 'published' ? t('help.saveChanges') : t('help.saveDraft')}
              </button>
              {isAdmin && current?.status !== 'published' ? (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy || !draft.title.trim()}
                  onClick={() =>
                    void run(async () => {
                      const saved = dirty ? await save() : article!;
                      const published = await setHelpTranslationPublished(account.id, saved.id, tab, true);
                      setArticle(published);
                      return t('help.published');
                    })
                  }
                >
                  {t('help.publish')}
                </button>
              ) : null}
              {isAdmin && current?.status === 'published' ? (
                <button
                  type="button"
                  className="button button-ghost"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      setArticle(await setHelpTranslationPublished(account.id, article!.id, tab, false));
                      return t('help.unpublished');
                    })
                  }
                >
                  {t('help.unpublish')}
                </button>
              ) : null}
              {publicUrl ? <a href={publicUrl} target="_blank" rel="noopener" className="button button-ghost">{t('help.viewArticle')}</a> : null}
              {message ? <span className="muted small" aria-hidden="true">{message}</span> : null}
            </div>
          </form>
          </div>
        </section>

        <aside className="panel help-editor-side" aria-labelledby={`${id}-details`}>
          <h2 id={`${id}-details`} className="panel-title">{t('help.details')}</h2>
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!article) return;
              void run(async () => {
                setArticle(await updateHelpArticle(account.id, article.id, { categoryId: categoryId || null, relatedArticleIds: related, position }));
                return t('help.savedDraft');
              });
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-category`}>{t('help.colCategory')}</label>
              <select id={`${id}-category`} className="input" value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
                <option value="">{t('help.uncategorised')}</option>
                {(categories.data ?? []).map((category) => <option key={category.id} value={category.id}>{categoryName(category, uiLocale)}</option>)}
              </select>
            </div>
            {article ? (
              <>
                <div className="field">
                  <label htmlFor={`${id}-position`}>{t('help.position')}</label>
                  <input id={`${id}-position`} className="input" type="number" min={0} max={10000} value={position} onChange={(event) => setPosition(Math.max(0, Math.min(10_000, Math.trunc(Number(event.target.value) || 0))))} aria-describedby={`${id}-position-hint`} />
                  <p id={`${id}-position-hint`} className="field-hint">{t('help.positionHint')}</p>
                </div>
                <CheckboxPills
                  legend={t('help.related')}
                  options={(others.data ?? []).filter((other) => other.id !== article.id).map((other) => ({ value: other.id, label: other.title || t('help.untitled') }))}
                  selected={related}
                  onChange={setRelated}
                  emptyText={t('help.noRelated')}
                />
                <p className="field-hint">{t('help.relatedHint')}</p>
                <button type="submit" className="button button-secondary" disabled={busy}>{t('help.saveDetails')}</button>
                <dl className="help-meta">
                  <dt>{t('help.author')}</dt>
                  <dd>{article.authorName ?? '—'}</dd>
                  <dt>{t('help.updated')}</dt>
                  <dd><UpdatedAt iso={article.updatedAt} /></dd>
                </dl>
                {isAdmin ? (
                  <ConfirmButton
                    label={t('help.deleteArticle')}
                    confirmLabel={t('help.deleteConfirm')}
                    onConfirm={async () => {
                      await deleteHelpArticle(account.id, article.id);
                      navigate(paths.helpCenter(account.id));
                    }}
                  />
                ) : null}
              </>
            ) : null}
          </form>
        </aside>
      </div>
    </>
  );
}

function UpdatedAt({ iso }: { iso: string }) {
  const { formatDateTime } = useI18n();
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** The Markdown body: a textarea with an image button, and the preview rendered by the server exactly as published. */
function MarkdownField({ id, accountId, value, onChange, onMessage, onError }: {
  id: string;
  accountId: string;
  value: string;
  onChange(value: string): void;
  onMessage(message: string): void;
  onError(error: unknown): void;
}) {
  const { t } = useI18n();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [html, setHtml] = useState('');
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (!value.trim()) {
      setHtml('');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewHelpMarkdown(accountId, value, controller.signal).then((answer) => setHtml(answer.html)).catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [accountId, value]);

  async function insertImage(file: File) {
    setUploading(true);
    onMessage(t('help.uploadingImage'));
    try {
      const image = await uploadHelpImage(accountId, file);
      const alt = file.name.replace(/\.[a-z0-9]+$/i, '').replace(/[[\]]/g, '');
      const at = textarea.current?.selectionStart ?? value.length;
      const snippet = `${at > 0 && value[at - 1] !== '\n' ? '\n\n' : ''}![${alt}](${image.url})\n`;
      onChange(value.slice(0, at) + snippet + value.slice(at));
      onMessage(t('help.imageInserted'));
    } catch (error) {
      onError(error);
      onMessage('');
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <div className="help-markdown">
      <div className="help-markdown-edit field">
        <div className="help-markdown-toolbar">
          <label htmlFor={id}>{t('help.field.body')}</label>
          <button type="button" className="button button-small button-ghost" disabled={uploading} onClick={() => fileInput.current?.click()}>
            {uploading ? t('help.uploadingImage') : t('help.insertImage')}
          </button>
          <input ref={fileInput} type="file" accept="image/png,image/jpeg,image/gif,image/webp" hidden tabIndex={-1} aria-hidden="true" data-testid="help-image-input" onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void insertImage(file);
          }} />
        </div>
        <textarea id={id} ref={textarea} className="input help-markdown-textarea" rows={18} maxLength={100_000} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`} className="field-hint">{t('help.field.bodyHint')}</p>
      </div>
      <section className="help-markdown-preview" aria-label={t('help.preview')}>
        <h3 className="field-label">{t('help.preview')}</h3>
        {html ? <div className="help-prose" dangerouslySetInnerHTML={{ __html: html }} /> : <p className="muted">{t('help.previewEmpty')}</p>}
      </section>
    </div>
  );
}
