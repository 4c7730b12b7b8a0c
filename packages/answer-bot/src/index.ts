export * from './text-features.ts';
export * from './vectorizer.ts';
export * from './classifier.ts';
export * from './model-json.ts';
export * from './evaluation.ts';
export * from './datasets.ts';
