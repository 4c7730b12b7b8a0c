import { classify, type IntentClassifier, type TrainingExample } from './classifier.ts';

/**
 * Scores a trained classifier on a labelled test set. An out-of-scope prediction counts as `outOfScopeLabel`, so a
 * test set with out-of-scope questions is scored the way CLINC150's paper does: in-scope accuracy over the in-scope
 * questions, out-of-scope recall over the out-of-scope ones, and precision over what the model called out of scope.
 */
export interface EvaluationReport {
  examples: number;
  accuracy: number;
  macroF1: number;
  inScope: { examples: number; accuracy: number };
  /** Null when the test set has no out-of-scope questions. */
  outOfScope: { label: string; examples: number; precision: number; recall: number; f1: number } | null;
  latencyMs: { p50: number; p99: number; mean: number };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function evaluateClassifier(model: IntentClassifier, test: TrainingExample[], options: { outOfScopeLabel: string; now?: () => number }): EvaluationReport {
  const now = options.now ?? (() => performance.now());
  const oos = options.outOfScopeLabel;
  const predicted: string[] = [];
  const latencies: number[] = [];
  for (const example of test) {
    const started = now();
    const prediction = classify(model, example.text);
    latencies.push(now() - started);
    predicted.push(prediction.label ?? oos);
  }
  const perLabel = new Map<string, { tp: number; fp: number; fn: number }>();
  const tally = (label: string) => perLabel.get(label) ?? perLabel.set(label, { tp: 0, fp: 0, fn: 0 }).get(label)!;
  let correct = 0;
  let inScopeTotal = 0;
  let inScopeCorrect = 0;
  test.forEach((example, i) => {
    const guess = predicted[i]!;
    if (guess === example.label) {
      correct++;
      tally(guess).tp++;
    } else {
      tally(guess).fp++;
      tally(example.label).fn++;
    }
    if (example.label !== oos) {
      inScopeTotal++;
      if (guess === example.label) inScopeCorrect++;
    }
  });
  const f1Of = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  // Macro-F1 over the labels of the test set (a label only ever predicted, never present, would be noise).
  const goldLabels = [...new Set(test.map((e) => e.label))];
  const macroF1 = goldLabels.length ? goldLabels.reduce((sum, l) => sum + f1Of(tally(l)), 0) / goldLabels.length : 0;
  const oosTally = perLabel.get(oos);
  const oosExamples = test.length - inScopeTotal;
  latencies.sort((a, b) => a - b);
  return {
    examples: test.length,
    accuracy: test.length ? correct / test.length : 0,
    macroF1,
    inScope: { examples: inScopeTotal, accuracy: inScopeTotal ? inScopeCorrect / inScopeTotal : 0 },
    outOfScope:
      oosExamples > 0
        ? {
            label: oos,
            examples: oosExamples,
            precision: oosTally && oosTally.tp + oosTally.fp > 0 ? oosTally.tp / (oosTally.tp + oosTally.fp) : 0,
            recall: oosTally ? oosTally.tp / oosExamples : 0,
            f1: oosTally ? f1Of(oosTally) : 0,
          }
        : null,
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1) },
  };
}
