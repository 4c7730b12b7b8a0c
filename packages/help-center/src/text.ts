import { LOCALES, type Locale } from '@touchpoint/core';
/** Per-locale text: `{ en: 'Shipping', ja: '配送', zh: '配送' }`. */
export type LocalizedText = Partial<Record<Locale, string>>;

export const HELP_LOCALES = LOCALES;
export type HelpLocale = Locale;

export const isHelpLocale = (value: string): value is HelpLocale => (HELP_LOCALES as readonly string[]).includes(value);

/** Lower-case letters and digits in hyphen-separated runs, as in `track-my-order`; at most 100 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isValidSlug = (value: string) => value.length <= 100 && SLUG_PATTERN.test(value);

/**
 * A URL slug from a title: Latin letters lose their accents, everything else becomes hyphens. Empty for a title
 * with no Latin letters or digits (a Japanese or Chinese title): callers then borrow another translation's slug.
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The text in `locale`, else English, else any locale that has one; '' when none has. */
export function pickLocalized(text: LocalizedText, locale: HelpLocale): string {
  return text[locale] || text.en || Object.values(text).find(Boolean) || '';
}

/** Markdown reduced to readable plain text, for excerpts and search snippets. */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`>~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters of `text`, cut at a word boundary when there is one, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
