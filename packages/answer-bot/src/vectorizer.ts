import { DEFAULT_TEXT_FEATURES, extractTerms, type TextFeatureOptions } from './text-features.ts';

/**
 * TF-IDF over the terms of text-features.ts: sublinear term frequency (1 + ln tf), smoothed idf, and each group
 * (words, characters) L2-normalised on its own and then weighted, so long character lists do not drown the words.
 */
export interface VectorizerOptions {
  text: TextFeatureOptions;
  /** A term must occur in at least this many training texts to be kept. */
  minDocumentFrequency: number;
  /** Weight of the word group and of the character group in the final vector. */
  wordWeight: number;
  charWeight: number;
}

export const DEFAULT_VECTORIZER: VectorizerOptions = { text: DEFAULT_TEXT_FEATURES, minDocumentFrequency: 1, wordWeight: 1, charWeight: 1 };

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface Vectorizer {
  options: VectorizerOptions;
  terms: string[];
  index: Map<string, number>;
  idf: Float32Array;
}

export function fitVectorizer(texts: string[], options: VectorizerOptions = DEFAULT_VECTORIZER): Vectorizer {
  const df = new Map<string, number>();
  for (const text of texts) {
    const { words, chars } = extractTerms(text, options.text);
    for (const term of new Set([...words, ...chars])) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const terms = [...df.keys()].filter((t) => df.get(t)! >= options.minDocumentFrequency).sort();
  const n = texts.length;
  const idf = Float32Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  return { options, terms, index: new Map(terms.map((t, i) => [t, i])), idf };
}

export function restoreVectorizer(options: VectorizerOptions, terms: string[], idf: Float32Array): Vectorizer {
  return { options, terms, index: new Map(terms.map((t, i) => [t, i])), idf };
}

function weighGroup(vectorizer: Vectorizer, terms: string[], weight: number, into: Map<number, number>) {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const i = vectorizer.index.get(term);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  let norm = 0;
  const weighted: [number, number][] = [];
  for (const [i, tf] of counts) {
    const v = (1 + Math.log(tf)) * vectorizer.idf[i]!;
    weighted.push([i, v]);
    norm += v * v;
  }
  if (norm === 0) return;
  const scale = weight / Math.sqrt(norm);
  for (const [i, v] of weighted) into.set(i, v * scale);
}

export function vectorize(vectorizer: Vectorizer, text: string): SparseVector {
  const { words, chars } = extractTerms(text, vectorizer.options.text);
  const values = new Map<number, number>();
  weighGroup(vectorizer, words, vectorizer.options.wordWeight, values);
  weighGroup(vectorizer, chars, vectorizer.options.charWeight, values);
  const indices = Int32Array.from([...values.keys()].sort((a, b) => a - b));
  return { indices, values: Float32Array.from(indices, (i) => values.get(i)!) };
}
