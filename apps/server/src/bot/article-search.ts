import type { ArticleSearch } from '@touchpoint/answer-bot';
import { getPublishedArticle, searchPublishedArticles } from '@touchpoint/help-center';
import { backgroundBaseUrl } from '../http/public-url.ts';

/**
 * The answer bot's help-center port: published articles in the customer's language, always with absolute links (a
 * relative one would point into the page hosting the widget, and means nothing in an email or SMS). Without
 * PUBLIC_URL — a local demo — they point at this machine's port; production sets PUBLIC_URL (docs/operations.md).
 */
export function createArticleSearch(config: { publicUrl: URL | null; port: number }): ArticleSearch {
  const publicUrl = backgroundBaseUrl(config);
  const baseUrl = publicUrl.origin + publicUrl.pathname.replace(/\/$/, '');
  return {
    search: (db, accountId, { query, locale, limit }) => searchPublishedArticles(db, { accountId }, { query, locale, limit, baseUrl }),
    read: async (db, accountId, { id, locale }) => {
      const article = await getPublishedArticle(db, { accountId }, { id, locale });
      return article ? { text: `${article.title}\n${article.description}\n\n${article.body}` } : null;
    },
  };
}
