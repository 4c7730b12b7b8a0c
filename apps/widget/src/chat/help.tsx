import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../contract.ts';
import type { Translate } from './i18n.ts';

/** The help center as the chat's config announces it (null: nothing published, no help tab). */
export interface HelpCenterConfig {
  handle: string;
  locales: Locale[];
  searchPath: string;
  articlesPath: string;
}

interface Result {
  id: string;
  title: string;
  excerpt: string;
  url: string;
}

interface Article {
  id: string;
  locale: Locale;
  title: string;
  html: string;
  url: string;
}

/** Public help-center calls: no auth, open CORS, published articles only. */
function createHelpApi(server: string, help: HelpCenterConfig) {
  const json = async <T,>(path: string, init?: RequestInit) => {
    const response = await fetch(server + path, init);
    if (!response.ok) throw new Error(String(response.status));
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return {
    search: (q: string, locale: Locale, record: boolean) =>
      json<{ results: Result[] }>(`${help.searchPath}?locale=${locale}&limit=8&q=${encodeURIComponent(q)}${record ? '&record=true' : ''}`),
    article: (id: string, locale: Locale) => json<Article>(`${help.articlesPath}/${id}?locale=${locale}`),
    vote: (id: string, locale: Locale, visitorId: string, helpful: boolean) =>
      json<void>(`${help.articlesPath}/${id}/votes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale, visitorId, helpful }) }),
  };
}

/** Tabs between the chat and the help articles, under the chat's header. */
export function HelpTabs({ t, view, onChange }: { t: Translate; view: 'chat' | 'help'; onChange(view: 'chat' | 'help'): void }) {
  const tab = (id: 'chat' | 'help', label: string) => (
    <button type="button" role="tab" id={`tp-tab-${id}`} aria-selected={view === id} aria-controls="tp-view" tabIndex={view === id ? 0 : -1} class="tp-tab" onClick={() => onChange(id)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') onChange(id === 'chat' ? 'help' : 'chat');
      }}>
      {label}
    </button>
  );
  return (
    <div class="tp-tabs" role="tablist" aria-label={t('views')}>
      {tab('help', t('tabHelp'))}
      {tab('chat', t('tabChat'))}
    </div>
  );
}

/**
 * Search the help center as you type, read an article here (or in a new tab), say whether it helped, and reach a
 * person from any article: "still need help? chat with us".
 */
export function HelpPanel({ t, server, help, locale, visitorId, onChat }: { t: Translate; server: string; help: HelpCenterConfig; locale: Locale; visitorId: string; onChat(): void }) {
  const api = useRef(createHelpApi(server, help)).current;
  const language = help.locales.includes(locale) ? locale : help.locales[0]!;
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Result[] | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [voted, setVoted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setResults(null);
    let live = true;
    // Results while typing; the search counts for reports once the visitor has stopped typing for a moment.
    const typing = setTimeout(() => api.search(q, language, false).then((answer) => live && setResults(answer.results)).catch(() => {}), 200);
    const settled = setTimeout(() => api.search(q, language, true).catch(() => {}), 1500);
    return () => {
      live = false;
      clearTimeout(typing);
      clearTimeout(settled);
    };
  }, [query, language, api]);

  useEffect(() => {
    if (article) heading.current?.focus();
  }, [article]);

  const open = (id: string) => {
    setVoted(false);
    api.article(id, language).then(setArticle).catch(() => {});
  };

  if (article) {
    return (
      <div class="tp-help" lang={language}>
        <button type="button" class="tp-link" onClick={() => setArticle(null)}>← {t('helpBack')}</button>
        <h3 class="tp-art-title" tabIndex={-1} ref={heading}>{article.title}</h3>
        {/* Sanitised by the server (markdown-it without raw HTML, then an allow-list). */}
        <div class="tp-art" dangerouslySetInnerHTML={{ __html: article.html }} />
        <p><a href={server + article.url} target="_blank" rel="noopener">{t('helpOpenTab')}</a></p>
        <div class="tp-vote" role="group" aria-label={t('helpHelpful')}>
          {voted ? <p role="status">{t('helpThanks')}</p> : (
            <>
              <span>{t('helpHelpful')}</span>
              {([true, false] as const).map((helpful) => (
                <button key={String(helpful)} type="button" class="tp-chip" onClick={() => {
                  setVoted(true);
                  api.vote(article.id, language, visitorId, helpful).catch(() => {});
                }}>{helpful ? t('helpYes') : t('helpNo')}</button>
              ))}
            </>
          )}
        </div>
        <StillNeedHelp t={t} onChat={onChat} />
      </div>
    );
  }

  return (
    <div class="tp-help">
      <label class="tp-sr" for="tp-help-q">{t('helpSearch')}</label>
      <input id="tp-help-q" class="tp-help-q" type="search" autocomplete="off" maxLength={200} placeholder={t('helpPlaceholder')} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      <p class="tp-sr" role="status">{results ? (results.length > 0 ? t('helpCount', { n: results.length }) : t('helpNone')) : ''}</p>
      {results === null ? <p class="tp-note">{t('helpHint')}</p> : results.length === 0 ? <p class="tp-note">{t('helpNone')}</p> : (
        <ul class="tp-results">
          {results.map((result) => (
            <li key={result.id}>
              <button type="button" class="tp-result" onClick={() => open(result.id)}>
                <strong>{result.title}</strong>
                <span>{result.excerpt}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <StillNeedHelp t={t} onChat={onChat} />
    </div>
  );
}

function StillNeedHelp({ t, onChat }: { t: Translate; onChat(): void }) {
  return (
    <p class="tp-still">
      {t('helpStill')} <button type="button" class="tp-chip tp-primary" onClick={onChat}>{t('helpChat')}</button>
    </p>
  );
}

export const HELP_CSS = `
.tp-tabs{display:flex;background:var(--tp-color);padding:0 12px}
.tp-tab{all:unset;box-sizing:border-box;cursor:pointer;padding:8px 14px;color:var(--tp-on-color);font-size:14px;font-weight:600;border-bottom:3px solid transparent;opacity:.85}
.tp-tab[aria-selected=true]{border-bottom-color:var(--tp-on-color);opacity:1}
#tp-view{flex:1;min-height:0;display:flex;flex-direction:column}
.tp-help{flex:1;overflow-y:auto;padding:14px 16px;font-size:14px;line-height:1.55;color:#1d1d1f}
.tp-help-q{box-sizing:border-box;width:100%;padding:10px 12px;border:1px solid #8a8a8a;border-radius:10px;font-size:15px}
.tp-results{list-style:none;margin:10px 0;padding:0}
.tp-result{all:unset;box-sizing:border-box;display:block;width:100%;cursor:pointer;padding:10px 4px;border-bottom:1px solid #e4e4e4}
.tp-result strong{display:block;color:#0b57d0}
.tp-result span{display:block;color:#555;font-size:13px}
.tp-link{all:unset;cursor:pointer;color:#0b57d0;font-size:13px}
.tp-art-title{font-size:18px;margin:10px 0 6px}
.tp-art img{max-width:100%;height:auto}
.tp-art table{border-collapse:collapse;display:block;overflow-x:auto}
.tp-art th,.tp-art td{border:1px solid #ccc;padding:4px 6px}
.tp-art a,.tp-help a{color:#0b57d0}
.tp-vote{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:14px 0;padding:10px;border:1px solid #e4e4e4;border-radius:10px}
.tp-vote p{margin:0}
.tp-chip{border:1px solid #8a8a8a;background:#fff;border-radius:16px;padding:4px 12px;font-size:13px}
.tp-primary{background:var(--tp-color);color:var(--tp-on-color);border-color:var(--tp-color)}
.tp-still{margin:16px 0 4px;color:#444}
`;
