import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateTemperature, classify, trainClassifier, trainClassifierInSlices } from './classifier.ts';
import { readCsvExamples } from './datasets.ts';
import { evaluateClassifier } from './evaluation.ts';
import { deserializeClassifier, serializeClassifier } from './model-json.ts';

const columns = { text: 'question', label: 'intent' };
const train = readCsvExamples('small-intents.csv', readFileSync(new URL('./fixtures/small-intents.csv', import.meta.url), 'utf8'), columns);
const test = readCsvExamples('small-intents-test.csv', readFileSync(new URL('./fixtures/small-intents-test.csv', import.meta.url), 'utf8'), columns);

describe('intent classifier', () => {
  const model = trainClassifier(train, { threshold: 0.4 });

  it('recognises paraphrases it never saw in English, Japanese and Chinese', () => {
    expect(classify(model, 'when will my order arrive?').label).toBe('order_status');
    expect(classify(model, 'パスワードを忘れてしまいました').label).toBe('reset_password');
    expect(classify(model, '我想申请退货').label).toBe('return_item');
    expect(classify(model, '営業時間は何時までですか').label).toBe('opening_hours');
  });

  it('ranks every label with confidences that sum to one', () => {
    const { ranking } = classify(model, 'where is my package');
    expect(ranking.map((r) => r.label).sort()).toEqual(['opening_hours', 'order_status', 'reset_password', 'return_item']);
    expect(ranking.reduce((sum, r) => sum + r.confidence, 0)).toBeCloseTo(1, 5);
    expect(ranking[0]!.confidence).toBeGreaterThanOrEqual(ranking[1]!.confidence);
  });

  it('calls a question out of scope when no intent is confident enough', () => {
    const strict = { ...model, threshold: 0.99 };
    expect(classify(strict, 'where is my order').label).toBeNull();
    expect(classify(model, 'where is my order').label).toBe('order_status');
  });

  it('treats the training data’s out-of-scope label as out of scope', () => {
    const withOos = trainClassifier([...train, { text: 'tell me a joke', label: 'oos' }, { text: 'what is the capital of france', label: 'oos' }, { text: 'play some music', label: 'oos' }], { outOfScopeLabel: 'oos', threshold: 0 });
    expect(classify(withOos, 'tell me a funny joke').label).toBeNull();
    expect(classify(withOos, 'track my delivery please').label).toBe('order_status');
  });

  it('gives the same model for the same data and seed', () => {
    const again = trainClassifier(train, { threshold: 0.4 });
    expect(Array.from(again.weights.slice(0, 50))).toEqual(Array.from(model.weights.slice(0, 50)));
  });

  it('trains the same model in slices that give the event loop back', async () => {
    const sliced = await trainClassifierInSlices(train, { threshold: 0.4 });
    expect(Array.from(sliced.weights)).toEqual(Array.from(model.weights));
  });

  it('predicts the same after a JSON round trip', () => {
    const restored = deserializeClassifier(JSON.parse(JSON.stringify(serializeClassifier(model))));
    for (const { text } of test) expect(classify(restored, text)).toEqual(classify(model, text));
  });

  it('keeps the ranking when the temperature is calibrated', () => {
    const calibrated = calibrateTemperature(model, test);
    expect(calibrated.temperature).toBeGreaterThan(0);
    expect(classify(calibrated, '我的包裹在哪里').ranking[0]!.label).toBe(classify(model, '我的包裹在哪里').ranking[0]!.label);
  });
});

describe('evaluation report', () => {
  it('scores accuracy, macro-F1, in-scope accuracy and out-of-scope precision and recall', () => {
    const model = trainClassifier(train, { threshold: 0.5 });
    const report = evaluateClassifier(model, test, { outOfScopeLabel: 'oos' });
    expect(report.examples).toBe(15);
    expect(report.inScope.examples).toBe(13);
    expect(report.inScope.accuracy).toBeGreaterThanOrEqual(10 / 13);
    expect(report.outOfScope).toMatchObject({ label: 'oos', examples: 2 });
    expect(report.macroF1).toBeGreaterThan(0.5);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
  });

  it('counts exactly on a hand-checked case', () => {
    // A model that knows one label and a threshold that sends everything else out of scope.
    const model = trainClassifier([{ text: 'hello there', label: 'greet' }, { text: 'hi friend', label: 'greet' }], { threshold: 0.5 });
    const ticks = [0, 1, 1, 3, 3, 4];
    let t = 0;
    const report = evaluateClassifier(model, [{ text: 'hello', label: 'greet' }, { text: 'bye', label: 'oos' }, { text: 'ciao', label: 'leave' }], { outOfScopeLabel: 'oos', now: () => ticks[t++]! });
    // One label, so every answer is "greet" (confidence 1): greet ✓, oos ✗, leave ✗.
    expect(report.accuracy).toBeCloseTo(1 / 3);
    expect(report.inScope).toEqual({ examples: 2, accuracy: 0.5 });
    expect(report.outOfScope).toEqual({ label: 'oos', examples: 1, precision: 0, recall: 0, f1: 0 });
    expect(report.latencyMs).toMatchObject({ p50: 1, p99: 2 });
  });

  it('has no out-of-scope figures when the test set has no out-of-scope questions', () => {
    const model = trainClassifier(train);
    expect(evaluateClassifier(model, test.filter((e) => e.label !== 'oos'), { outOfScopeLabel: 'oos' }).outOfScope).toBeNull();
  });
});
