import type { ArticleSearch } from '@touchpoint/answer-bot';
import { getPublishedArticle, searchPublishedArticles } from '@touchpoint/help-center';

/**
 * The answer bot's help-center port: published articles in the customer's language, with absolute links when the
 * server knows its public URL (PUBLIC_URL) — a relative link would point into the page hosting the widget.
 */
export function createArticleSearch(publicUrl: URL | null): ArticleSearch {
  const baseUrl = publicUrl ? publicUrl.origin + publicUrl.pathname.replace(/\/$/, '') : '';
  return {
    search: (db, accountId, { query, locale, limit }) => searchPublishedArticles(db, { accountId }, { query, locale, limit, baseUrl }),
    read: async (db, accountId, { id, locale }) => {
      const article = await getPublishedArticle(db, { accountId }, { id, locale });
      return article ? { text: `${article.title}\n${article.description}\n\n${article.body}` } : null;
    },
  };
}
