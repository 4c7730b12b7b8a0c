import { type IntentClassifier, restoreVectorizer } from './classifier.ts';
import type { VectorizerOptions } from './vectorizer.ts';

/**
 * A trained classifier as plain JSON (stored per account in the database): the weights are little-endian float32
 * in base64, about a third of their size as decimal text.
 */
export interface ClassifierJson {
  format: 'touchpoint-intent-classifier/1';
  labels: string[];
  vectorizer: { options: VectorizerOptions; terms: string[]; idf: string };
  weights: string;
  bias: string;
  temperature: number;
  threshold: number;
  outOfScopeLabel: string | null;
}

const toBase64 = (values: Float32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export function serializeClassifier(model: IntentClassifier): ClassifierJson {
  return {
    format: 'touchpoint-intent-classifier/1',
    labels: model.labels,
    vectorizer: { options: model.vectorizer.options, terms: model.vectorizer.terms, idf: toBase64(model.vectorizer.idf) },
    weights: toBase64(model.weights),
    bias: toBase64(model.bias),
    temperature: model.temperature,
    threshold: model.threshold,
    outOfScopeLabel: model.outOfScopeLabel,
  };
}

export function deserializeClassifier(json: ClassifierJson): IntentClassifier {
  if (json.format !== 'touchpoint-intent-classifier/1') throw new Error(`unknown classifier format ${String(json.format)}`);
  const weights = fromBase64(json.weights);
  if (weights.length !== json.labels.length * json.vectorizer.terms.length) throw new Error('classifier weights do not match its labels and terms');
  return {
    labels: json.labels,
    vectorizer: restoreVectorizer(json.vectorizer.options, json.vectorizer.terms, fromBase64(json.vectorizer.idf)),
    weights,
    bias: fromBase64(json.bias),
    temperature: json.temperature,
    threshold: json.threshold,
    outOfScopeLabel: json.outOfScopeLabel,
  };
}
