import { createRandom, shuffleInPlace } from './random.ts';
import { DEFAULT_VECTORIZER, fitVectorizer, restoreVectorizer, type SparseVector, vectorize, type Vectorizer, type VectorizerOptions } from './vectorizer.ts';

/**
 * An intent classifier that trains and runs in this process on the CPU: TF-IDF features (vectorizer.ts) feeding a
 * multinomial logistic regression trained by stochastic gradient descent with L2 regularisation. Its softmax gives a
 * confidence per intent (temperature-scaled when calibrated on held-out examples); a question is out of scope when
 * the best intent is the training data's out-of-scope label or its confidence is under the threshold.
 */

export interface TrainingExample {
  text: string;
  label: string;
}

export interface TrainingOptions {
  /**
   * `logistic`: multinomial logistic regression by SGD (calibrated-looking confidences without held-out data; what the
   * bot uses). `svm`: one-vs-rest linear SVM (squared hinge) by dual coordinate descent — a little more accurate on
   * CLINC150, but its confidences need a temperature fitted on held-out data (`calibrateTemperature`).
   */
  algorithm: 'logistic' | 'svm';
  /** SVM: the cost of a margin violation (higher = less regularised) and the passes over the data. */
  svmCost: number;
  svmPasses: number;
  vectorizer: VectorizerOptions;
  /** L2 regularisation strength per example. */
  l2: number;
  epochs: number;
  /** Initial step size; it falls linearly to zero over the epochs. */
  learningRate: number;
  seed: number;
  /** The label that marks out-of-scope training examples, if the data has one (CLINC150: `oos`). */
  outOfScopeLabel: string | null;
  /** Confidence under which a prediction is out of scope. */
  threshold: number;
  onEpoch?: (epoch: number, epochs: number) => void;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  algorithm: 'logistic',
  svmCost: 1,
  svmPasses: 10,
  vectorizer: DEFAULT_VECTORIZER,
  l2: 1e-5,
  epochs: 12,
  learningRate: 1,
  seed: 1,
  outOfScopeLabel: null,
  threshold: 0.3,
};

export interface IntentClassifier {
  labels: string[];
  vectorizer: Vectorizer;
  /** labels.length weights per term, term-major. */
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  threshold: number;
  outOfScopeLabel: string | null;
}

export interface RankedLabel {
  label: string;
  confidence: number;
}

export interface Prediction {
  /** The best in-scope label, or null when the question is out of scope. */
  label: string | null;
  confidence: number;
  /** All labels, best first (the out-of-scope label included when the model has one). */
  ranking: RankedLabel[];
}

export function trainClassifier(examples: TrainingExample[], overrides: Partial<TrainingOptions> = {}): IntentClassifier {
  const steps = trainingSteps(examples, { ...DEFAULT_TRAINING, ...overrides });
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same training, giving the event loop back after every epoch (every label for the SVM), for a server that keeps
 * answering requests while an account's model trains.
 */
export async function trainClassifierInSlices(examples: TrainingExample[], overrides: Partial<TrainingOptions> = {}): Promise<IntentClassifier> {
  const steps = trainingSteps(examples, { ...DEFAULT_TRAINING, ...overrides });
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* trainingSteps(examples: TrainingExample[], options: TrainingOptions): Generator<void, IntentClassifier> {
  if (examples.length === 0) throw new Error('no training examples');
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vectorizer = fitVectorizer(examples.map((e) => e.text), options.vectorizer);
  const rows: { x: SparseVector; y: number }[] = examples.map((e) => ({ x: vectorize(vectorizer, e.text), y: labelIndex.get(e.label)! }));
  const k = labels.length;
  if (options.algorithm === 'svm') return yield* trainSvm(rows, labels, vectorizer, options);
  const v = new Float32Array(vectorizer.terms.length * k);
  const bias = new Float32Array(k);
  const scores = new Float64Array(k);
  // w = scale · v: the L2 shrink of every weight at each step becomes one multiplication.
  let scale = 1;
  const random = createRandom(options.seed);
  const order = rows.map((_, i) => i);
  const totalSteps = options.epochs * rows.length;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const { x, y } = rows[r]!;
      const eta = options.learningRate * (1 - step / totalSteps);
      step++;
      scoreInto(v, bias, scale, x, k, scores);
      softmaxInPlace(scores, 1);
      scores[y]! -= 1;
      scale *= 1 - eta * options.l2;
      if (scale < 1e-6) {
        for (let i = 0; i < v.length; i++) v[i]! *= scale;
        scale = 1;
      }
      const factor = eta / scale;
      for (let j = 0; j < x.indices.length; j++) {
        const base = x.indices[j]! * k;
        const xv = x.values[j]! * factor;
        for (let c = 0; c < k; c++) v[base + c]! -= scores[c]! * xv;
      }
      for (let c = 0; c < k; c++) bias[c]! -= eta * scores[c]!;
    }
    options.onEpoch?.(epoch + 1, options.epochs);
    yield;
  }
  for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return { labels, vectorizer, weights: v, bias, temperature: 1, threshold: options.threshold, outOfScopeLabel: labelIndex.has(options.outOfScopeLabel ?? '') ? options.outOfScopeLabel : null };
}

/**
 * One-vs-rest L2-regularised squared-hinge SVMs, each solved by dual coordinate descent (Hsieh et al., 2008), with a
 * bias as a constant feature. Scores are the decision values; the default temperature (0.1) maps margins of ±1 to
 * usable softmax confidences until `calibrateTemperature` fits one.
 */
function* trainSvm(rows: { x: SparseVector; y: number }[], labels: string[], vectorizer: Vectorizer, options: TrainingOptions): Generator<void, IntentClassifier> {
  const k = labels.length;
  const f = vectorizer.terms.length;
  const weights = new Float32Array(f * k);
  const bias = new Float32Array(k);
  const diagonal = 1 / (2 * options.svmCost);
  const norms = rows.map(({ x }) => {
    let sum = 1;
    for (const value of x.values) sum += value * value;
    return sum + diagonal;
  });
  const random = createRandom(options.seed);
  const order = rows.map((_, i) => i);
  const w = new Float64Array(f);
  const alpha = new Float64Array(rows.length);
  for (let c = 0; c < k; c++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let pass = 0; pass < options.svmPasses; pass++) {
      shuffleInPlace(order, random);
      for (const i of order) {
        const { x, y } = rows[i]!;
        const sign = y === c ? 1 : -1;
        let dot = b;
        for (let j = 0; j < x.indices.length; j++) dot += w[x.indices[j]!]! * x.values[j]!;
        const gradient = sign * dot - 1 + diagonal * alpha[i]!;
        const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
        if (projected === 0) continue;
        const previous = alpha[i]!;
        alpha[i] = Math.max(previous - gradient / norms[i]!, 0);
        const step = (alpha[i]! - previous) * sign;
        if (step === 0) continue;
        for (let j = 0; j < x.indices.length; j++) w[x.indices[j]!]! += step * x.values[j]!;
        b += step;
      }
    }
    for (let t = 0; t < f; t++) weights[t * k + c] = w[t]!;
    bias[c] = b;
    options.onEpoch?.(c + 1, k);
    yield;
  }
  return { labels, vectorizer, weights, bias, temperature: 0.1, threshold: options.threshold, outOfScopeLabel: labels.includes(options.outOfScopeLabel ?? '') ? options.outOfScopeLabel : null };
}

function scoreInto(weights: Float32Array, bias: Float32Array, scale: number, x: SparseVector, k: number, out: Float64Array) {
  for (let c = 0; c < k; c++) out[c] = 0;
  for (let j = 0; j < x.indices.length; j++) {
    const base = x.indices[j]! * k;
    const xv = x.values[j]!;
    for (let c = 0; c < k; c++) out[c]! += weights[base + c]! * xv;
  }
  for (let c = 0; c < k; c++) out[c] = out[c]! * scale + bias[c]!;
}

function softmaxInPlace(scores: Float64Array, temperature: number) {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c]! - max) / temperature);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
}

/** Confidence for every label, in the order of `model.labels`. */
export function scoreText(model: IntentClassifier, text: string): Float64Array {
  const scores = new Float64Array(model.labels.length);
  scoreInto(model.weights, model.bias, 1, vectorize(model.vectorizer, text), model.labels.length, scores);
  softmaxInPlace(scores, model.temperature);
  return scores;
}

export function decide(model: IntentClassifier, probabilities: Float64Array, threshold = model.threshold): Prediction {
  const ranking = model.labels.map((label, i) => ({ label, confidence: probabilities[i]! })).sort((a, b) => b.confidence - a.confidence);
  const top = ranking[0]!;
  const inScope = top.label !== model.outOfScopeLabel && top.confidence >= threshold;
  return { label: inScope ? top.label : null, confidence: top.confidence, ranking };
}

export function classify(model: IntentClassifier, text: string): Prediction {
  return decide(model, scoreText(model, text));
}

/**
 * Fits the softmax temperature on held-out examples (lowest negative log-likelihood, golden-section search over
 * log T), so confidences mean what they say; returns the model with it set.
 */
export function calibrateTemperature(model: IntentClassifier, heldOut: TrainingExample[]): IntentClassifier {
  const known = heldOut.filter((e) => model.labels.includes(e.label));
  if (known.length === 0) return model;
  const k = model.labels.length;
  const logits = known.map((e) => {
    const out = new Float64Array(k);
    scoreInto(model.weights, model.bias, 1, vectorize(model.vectorizer, e.text), k, out);
    return { out, y: model.labels.indexOf(e.label) };
  });
  const loss = (logT: number) => {
    const t = Math.exp(logT);
    let total = 0;
    for (const { out, y } of logits) {
      let max = -Infinity;
      for (const s of out) if (s > max) max = s;
      let sum = 0;
      for (const s of out) sum += Math.exp((s - max) / t);
      total += Math.log(sum) - (out[y]! - max) / t;
    }
    return total;
  };
  let lo = Math.log(0.01);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return { ...model, temperature: Math.exp((lo + hi) / 2) };
}

export { restoreVectorizer };
