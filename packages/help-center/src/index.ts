export * from './text.ts';
export * from './categories.ts';
export * from './articles.ts';
export * from './published.ts';
export * from './search.ts';
export * from './search-terms.ts';
export * from './votes.ts';
export * from './markdown.ts';
