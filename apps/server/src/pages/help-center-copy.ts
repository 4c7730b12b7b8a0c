import type { Locale } from '@touchpoint/core';

/** The public help center's own words, in each language it is read in. */
export interface HelpCopy {
  htmlLang: string;
  languageName: string;
  helpCenter: (account: string) => string;
  tagline: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  categories: string;
  articlesCount: (count: number) => string;
  home: string;
  breadcrumb: string;
  resultsFor: (query: string) => string;
  resultsCount: (count: number) => string;
  noResults: string;
  noResultsHint: string;
  suggestions: string;
  by: (name: string) => string;
  updated: (date: string) => string;
  related: string;
  helpful: string;
  yes: string;
  no: string;
  thanks: string;
  sorry: string;
  stillNeedHelp: string;
  contactUs: string;
  languages: string;
  notFoundTitle: string;
  notFoundBody: string;
  otherLanguages: string;
  empty: string;
  skipToContent: string;
  dateLocale: string;
}

export const HELP_COPY: Record<Locale, HelpCopy> = {
  en: {
    htmlLang: 'en',
    languageName: 'English',
    helpCenter: (account) => `${account} Help Center`,
    tagline: 'How can we help?',
    searchLabel: 'Search the help center',
    searchPlaceholder: 'Search articles, e.g. returns',
    searchButton: 'Search',
    categories: 'Browse by topic',
    articlesCount: (count) => (count === 1 ? '1 article' : `${count} articles`),
    home: 'Help Center',
    breadcrumb: 'Breadcrumb',
    resultsFor: (query) => `Results for “${query}”`,
    resultsCount: (count) => (count === 1 ? '1 article found' : `${count} articles found`),
    noResults: 'No articles match your search.',
    noResultsHint: 'Try other words, or browse the topics below.',
    suggestions: 'Suggestions',
    by: (name) => `Written by ${name}`,
    updated: (date) => `Updated ${date}`,
    related: 'Related articles',
    helpful: 'Was this article helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thanks for your feedback!',
    sorry: 'Sorry this did not help.',
    stillNeedHelp: 'Still need help?',
    contactUs: 'Contact us',
    languages: 'Language',
    notFoundTitle: 'Page not found',
    notFoundBody: 'This page does not exist or is no longer published.',
    otherLanguages: 'This article is available in:',
    empty: 'No articles have been published in this language yet.',
    skipToContent: 'Skip to content',
    dateLocale: 'en-GB',
  },
  ja: {
    htmlLang: 'ja',
    languageName: '日本語',
    helpCenter: (account) => `${account} ヘルプセンター`,
    tagline: 'お困りですか？',
    searchLabel: 'ヘルプセンターを検索',
    searchPlaceholder: '記事を検索（例：返品）',
    searchButton: '検索',
    categories: 'トピックから探す',
    articlesCount: (count) => `${count}件の記事`,
    home: 'ヘルプセンター',
    breadcrumb: 'パンくずリスト',
    resultsFor: (query) => `「${query}」の検索結果`,
    resultsCount: (count) => `${count}件の記事が見つかりました`,
    noResults: '検索に一致する記事はありませんでした。',
    noResultsHint: '別の言葉で検索するか、下のトピックからお探しください。',
    suggestions: '候補',
    by: (name) => `作成者：${name}`,
    updated: (date) => `更新日：${date}`,
    related: '関連記事',
    helpful: 'この記事は役に立ちましたか？',
    yes: 'はい',
    no: 'いいえ',
    thanks: 'フィードバックありがとうございました。',
    sorry: 'お役に立てず申し訳ありません。',
    stillNeedHelp: '解決しない場合は',
    contactUs: 'お問い合わせ',
    languages: '言語',
    notFoundTitle: 'ページが見つかりません',
    notFoundBody: 'このページは存在しないか、公開を終了しました。',
    otherLanguages: 'この記事はほかの言語で読めます：',
    empty: 'この言語で公開されている記事はまだありません。',
    skipToContent: '本文へ移動',
    dateLocale: 'ja-JP',
  },
  zh: {
    htmlLang: 'zh-CN',
    languageName: '中文',
    helpCenter: (account) => `${account} 帮助中心`,
    tagline: '有什么可以帮您？',
    searchLabel: '搜索帮助中心',
    searchPlaceholder: '搜索文章，例如：退货',
    searchButton: '搜索',
    categories: '按主题浏览',
    articlesCount: (count) => `${count} 篇文章`,
    home: '帮助中心',
    breadcrumb: '导航路径',
    resultsFor: (query) => `“${query}”的搜索结果`,
    resultsCount: (count) => `找到 ${count} 篇文章`,
    noResults: '没有找到符合搜索条件的文章。',
    noResultsHint: '请换个词试试，或浏览下方的主题。',
    suggestions: '建议',
    by: (name) => `作者：${name}`,
    updated: (date) => `更新于 ${date}`,
    related: '相关文章',
    helpful: '这篇文章对您有帮助吗？',
    yes: '有帮助',
    no: '没帮助',
    thanks: '感谢您的反馈！',
    sorry: '很抱歉没能帮到您。',
    stillNeedHelp: '仍需要帮助？',
    contactUs: '联系我们',
    languages: '语言',
    notFoundTitle: '页面不存在',
    notFoundBody: '该页面不存在或已不再公开。',
    otherLanguages: '这篇文章有以下语言版本：',
    empty: '该语言暂未发布任何文章。',
    skipToContent: '跳到正文',
    dateLocale: 'zh-CN',
  },
};

/** The best of `available` for an Accept-Language header (by q-value), else `fallback`. */
export function negotiateLocale(acceptLanguage: string | undefined, available: readonly Locale[], fallback: Locale): Locale {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim().toLowerCase().slice(0, 2), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of wanted) {
    const match = available.find((locale) => locale === entry.tag);
    if (match) return match;
  }
  return available.includes(fallback) ? fallback : (available[0] ?? fallback);
}
