import { useId, useState } from 'react';
import { getHelpCenterSettings, type HelpCategory, type HelpStatus, listHelpArticles, listHelpCategories } from '../../api/help-center-endpoints.ts';
import type { Locale } from '../../api/types.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locales.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { NotFoundPage } from '../not-found-page.tsx';
import { ArticleEditor } from './article-editor.tsx';
import { HelpCategoriesSection } from './help-categories.tsx';
import { HelpSettingsSection } from './help-settings.tsx';
import './help-center.css';

/** `/a/:accountId/help-center[/categories|/settings|/articles/:id|/articles/new]`. */
export function HelpCenterPage({ rest }: { rest: string[] }) {
  const account = useCurrentAccount();
  const [first, second, ...extra] = rest;
  if (extra.length > 0) return <NotFoundPage homeTo={paths.home(account.id)} />;
  if (first === 'articles' && second) return <ArticleEditor key={second} articleId={second === 'new' ? null : second} />;
  if (second !== undefined) return <NotFoundPage homeTo={paths.home(account.id)} />;
  if (first === undefined) return <HelpCenterFrame current="articles"><ArticleList /></HelpCenterFrame>;
  if (first === 'categories') return <HelpCenterFrame current="categories"><HelpCategoriesSection /></HelpCenterFrame>;
  if (first === 'settings') return <HelpCenterFrame current="settings"><HelpSettingsSection /></HelpCenterFrame>;
  return <NotFoundPage homeTo={paths.home(account.id)} />;
}

/** Locale names in the help center's own order, for labels like "日本語: Draft". */
export const localeName = (locale: Locale) => LOCALE_NAMES[locale];

export function categoryName(category: HelpCategory | undefined, locale: Locale): string {
  if (!category) return '';
  return category.names[locale] || category.names.en || Object.values(category.names).find(Boolean) || category.slug;
}

function HelpCenterFrame({ current, children }: { current: 'articles' | 'categories' | 'settings'; children: React.ReactNode }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const settings = useResource((signal) => getHelpCenterSettings(account.id, signal), [account.id]);
  const links = [
    { id: 'articles', label: t('help.articles'), to: paths.helpCenter(account.id) },
    { id: 'categories', label: t('help.categories'), to: paths.helpCenter(account.id, 'categories') },
    ...(account.role === 'admin' ? [{ id: 'settings', label: t('help.settings'), to: paths.helpCenter(account.id, 'settings') }] : []),
  ];
  return (
    <>
      <PageHeader
        title={t('help.title')}
        description={t('help.description')}
        actions={(
          <>
            {settings.data ? <a className="button button-secondary" href={settings.data.path} target="_blank" rel="noopener">{t('help.viewSite')}</a> : null}
            <Link className="button button-primary" to={paths.helpArticle(account.id, 'new')}>{t('help.newArticle')}</Link>
          </>
        )}
      />
      <nav className="help-subnav" aria-label={t('help.sections')}>
        {links.map((link) => (
          <Link key={link.id} to={link.to} className="help-subnav-link" aria-current={link.id === current ? 'page' : undefined}>{link.label}</Link>
        ))}
      </nav>
      {children}
    </>
  );
}

export function StatusBadge({ status, locale }: { status: HelpStatus | 'missing'; locale?: Locale }) {
  const { t } = useI18n();
  const text = t(`help.status.${status}`);
  return (
    <span className={`badge help-status help-status-${status}`}>
      {locale ? <><span aria-hidden="true">{locale.toUpperCase()}</span><span className="visually-hidden">{t('help.coverage', { language: localeName(locale), status: text })}</span></> : text}
    </span>
  );
}

function ArticleList() {
  const { t, locale, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [categoryId, setCategoryId] = useState('');
  const [filter, setFilter] = useState('');
  const categories = useResource((signal) => listHelpCategories(account.id, signal), [account.id]);
  const articles = useResource((signal) => listHelpArticles(account.id, { locale, ...(categoryId ? { categoryId } : {}) }, signal), [account.id, locale, categoryId], { accountId: account.id, events: ['help_article.*'] });
  const byId = new Map((categories.data ?? []).map((category) => [category.id, category]));
  const needle = filter.trim().toLowerCase();
  const shown = (articles.data ?? []).filter((article) => !needle || article.title.toLowerCase().includes(needle));

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <div className="panel-head help-list-head">
        <h2 id={`${id}-heading`} className="panel-title">{t('help.articles')}</h2>
        <div className="field help-filter">
          <label htmlFor={`${id}-filter`}>{t('help.filterTitle')}</label>
          <input id={`${id}-filter`} type="search" className="input" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </div>
        <div className="field help-filter">
          <label htmlFor={`${id}-category`}>{t('help.filterCategory')}</label>
          <select id={`${id}-category`} className="input" value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
            <option value="">{t('help.allCategories')}</option>
            {(categories.data ?? []).map((category) => <option key={category.id} value={category.id}>{categoryName(category, locale)}</option>)}
          </select>
        </div>
      </div>
      <ErrorNotice error={articles.error} />
      {articles.loading && !articles.data ? <LoadingState /> : null}
      {articles.data && articles.data.length === 0 ? (
        <EmptyState title={t('help.noArticles')}><p>{t('help.noArticlesHint')}</p></EmptyState>
      ) : null}
      {articles.data && articles.data.length > 0 && shown.length === 0 ? <EmptyState title={t('help.noMatch')} /> : null}
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table help-article-table">
            <thead>
              <tr>
                <th scope="col">{t('help.colTitle')}</th>
                <th scope="col">{t('help.colCategory')}</th>
                <th scope="col">{t('help.colLanguages')}</th>
                <th scope="col">{t('help.colUpdated')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((article) => (
                <tr key={article.id}>
                  <td>
                    <Link to={paths.helpArticle(account.id, article.id)} lang={article.titleLocale ?? undefined}>{article.title || t('help.untitled')}</Link>
                  </td>
                  <td>{article.categoryId ? categoryName(byId.get(article.categoryId), locale) : <span className="muted">{t('help.uncategorised')}</span>}</td>
                  <td>
                    <span className="help-coverage">
                      {LOCALES.map((l) => <StatusBadge key={l} locale={l} status={article.coverage[l]} />)}
                    </span>
                  </td>
                  <td className="muted small">{formatDateTime(article.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
