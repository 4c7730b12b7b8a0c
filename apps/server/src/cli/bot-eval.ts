import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  calibrateTemperature,
  classify,
  DatasetError,
  DEFAULT_TRAINING,
  type DatasetColumns,
  evaluateClassifier,
  type EvaluationReport,
  isJsonPath,
  parseDatasetSpec,
  readCsvExamples,
  readJsonExamples,
  scoreText,
  decide,
  trainClassifier,
  type IntentClassifier,
  type TrainingExample,
} from '@touchpoint/answer-bot';
import { CliUsageError } from './contacts-import.ts';
import { createProgressReporter, type ProgressOutput } from './progress-bar.ts';

export const BOT_EVAL_USAGE = `touchpoint bot eval --train FILE --test FILE [--val FILE] [--text-column C] [--label-column C]
                    [--oos-label L] [--threshold T] [--epochs N] [--model logistic|svm] [--json]`;

export interface BotEvalArgs {
  train: string;
  test: string;
  val: string | null;
  columns: DatasetColumns;
  outOfScopeLabel: string;
  threshold: number | null;
  epochs: number | null;
  model: 'logistic' | 'svm';
  json: boolean;
}

export function parseBotEvalArgs(argv: string[]): BotEvalArgs {
  const [sub, ...rest] = argv;
  if (sub !== 'eval') throw new CliUsageError(`usage: ${BOT_EVAL_USAGE}`);
  const values = new Map<string, string>();
  let json = false;
  const known = ['--train', '--test', '--val', '--text-column', '--label-column', '--oos-label', '--threshold', '--epochs', '--model'];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!known.includes(name!)) throw new CliUsageError(`unknown option “${arg}”; usage: ${BOT_EVAL_USAGE}`);
    const value = inline ?? rest[++i];
    if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value; usage: ${BOT_EVAL_USAGE}`);
    values.set(name!, value);
  }
  const train = values.get('--train');
  const test = values.get('--test');
  if (!train || !test) throw new CliUsageError(`--train and --test are required; usage: ${BOT_EVAL_USAGE}`);
  const number = (name: string, check: (n: number) => boolean, what: string) => {
    const raw = values.get(name);
    if (raw === undefined) return null;
    const n = Number(raw);
    if (!Number.isFinite(n) || !check(n)) throw new CliUsageError(`${name} must be ${what}, not “${raw}”`);
    return n;
  };
  const model = values.get('--model') ?? 'logistic';
  if (model !== 'logistic' && model !== 'svm') throw new CliUsageError(`--model must be logistic or svm, not “${model}”`);
  return {
    train,
    test,
    model,
    val: values.get('--val') ?? null,
    columns: { text: values.get('--text-column') ?? 'text', label: values.get('--label-column') ?? 'label' },
    outOfScopeLabel: values.get('--oos-label') ?? 'oos',
    threshold: number('--threshold', (n) => n >= 0 && n <= 1, 'a number from 0 to 1'),
    epochs: number('--epochs', (n) => Number.isInteger(n) && n >= 1 && n <= 200, 'a whole number from 1 to 200'),
    json,
  };
}

/** Reads `FILE` (CSV or JSON) or `FILE.json:key1,key2`; every problem becomes a CliUsageError naming the file. */
export async function readExamples(spec: string, columns: DatasetColumns): Promise<TrainingExample[]> {
  const { path, keys } = parseDatasetSpec(spec);
  const full = resolve(path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(code === 'ENOENT' ? `no such file: ${full}` : `cannot read ${full}: ${(error as Error).message}`);
  }
  try {
    if (isJsonPath(path)) return readJsonExamples(basename(path), text, keys, columns);
    if (keys.length) throw new DatasetError(`${basename(path)}: only a JSON file has keys to choose`);
    return readCsvExamples(basename(path), text, columns);
  } catch (error) {
    if (error instanceof DatasetError) throw new CliUsageError(error.message);
    throw error;
  }
}

/**
 * Picks the confidence threshold that gives the best accuracy on held-out examples, where "under the threshold"
 * means out of scope; ties go to the lower threshold.
 */
export function chooseThreshold(model: IntentClassifier, heldOut: TrainingExample[], outOfScopeLabel: string): number {
  const scored = heldOut.map((e) => ({ probabilities: scoreText(model, e.text), label: e.label }));
  let best = { threshold: model.threshold, correct: -1 };
  for (let t = 0; t <= 0.9 + 1e-9; t += 0.02) {
    let correct = 0;
    for (const { probabilities, label } of scored) if ((decide(model, probabilities, t).label ?? outOfScopeLabel) === label) correct++;
    if (correct > best.correct) best = { threshold: Number(t.toFixed(2)), correct };
  }
  return best.threshold;
}

export interface BotEvalResult {
  model: 'logistic' | 'svm';
  train: { examples: number; labels: number; terms: number; seconds: number };
  calibration: { examples: number; temperature: number; threshold: number } | null;
  threshold: number;
  test: EvaluationReport;
}

export async function runBotEval(args: BotEvalArgs, io: { stdout: ProgressOutput; stderr: ProgressOutput }): Promise<BotEvalResult> {
  const train = await readExamples(args.train, args.columns);
  const test = await readExamples(args.test, args.columns);
  const val = args.val ? await readExamples(args.val, args.columns) : null;
  const labels = new Set(train.map((e) => e.label));
  if (labels.size < 2) throw new CliUsageError(`${args.train}: the training set needs at least two labels, it has ${labels.size}`);
  const epochs = args.epochs ?? undefined;
  io.stderr.write(`Training on ${train.length} examples, ${labels.size} labels…\n`);
  const svm = args.model === 'svm';
  // Logistic regression reports each epoch; the SVM each label it has trained (one-vs-rest).
  const bar = svm ? createProgressReporter(io.stderr, labels.size, 'labels') : createProgressReporter(io.stderr, epochs ?? DEFAULT_TRAINING.epochs, 'epochs');
  const started = performance.now();
  let model = trainClassifier(train, {
    algorithm: args.model,
    outOfScopeLabel: args.outOfScopeLabel,
    ...(epochs ? { epochs } : {}),
    ...(args.threshold !== null ? { threshold: args.threshold } : {}),
    onEpoch: (done) => bar.update(done),
  });
  bar.finish();
  const seconds = (performance.now() - started) / 1000;
  let calibration: BotEvalResult['calibration'] = null;
  if (val) {
    model = calibrateTemperature(model, val);
    const threshold = args.threshold ?? chooseThreshold(model, val, args.outOfScopeLabel);
    model = { ...model, threshold };
    calibration = { examples: val.length, temperature: model.temperature, threshold };
  }
  classify(model, train[0]!.text); // warm-up, so the first timed query does not pay for JIT compilation
  const report = evaluateClassifier(model, test, { outOfScopeLabel: args.outOfScopeLabel });
  const result: BotEvalResult = { model: args.model, train: { examples: train.length, labels: labels.size, terms: model.vectorizer.terms.length, seconds }, calibration, threshold: model.threshold, test: report };
  io.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatBotEval(result));
  return result;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const count = new Intl.NumberFormat('en-US');

export function formatBotEval(result: BotEvalResult): string {
  const { train, calibration, test } = result;
  const lines = [
    `Trained ${result.model === 'svm' ? 'one-vs-rest linear SVMs' : 'logistic regression'} on ${count.format(train.examples)} examples (${train.labels} labels, ${count.format(train.terms)} terms) in ${train.seconds.toFixed(1)} s.`,
    calibration
      ? `Calibrated on ${count.format(calibration.examples)} held-out examples: temperature ${calibration.temperature.toFixed(3)}, threshold ${calibration.threshold}.`
      : `Threshold ${result.threshold} (not calibrated; pass --val to fit it on held-out examples).`,
    `Test set: ${count.format(test.examples)} examples.`,
    `  accuracy                 ${pct(test.accuracy)}`,
    `  macro-F1                 ${pct(test.macroF1)}`,
    `  in-scope accuracy        ${pct(test.inScope.accuracy)} (${count.format(test.inScope.examples)} examples)`,
    test.outOfScope
      ? `  out-of-scope precision   ${pct(test.outOfScope.precision)}\n  out-of-scope recall      ${pct(test.outOfScope.recall)} (${count.format(test.outOfScope.examples)} examples labelled “${test.outOfScope.label}”)`
      : `  out-of-scope             none in the test set`,
    `  latency per query        p50 ${test.latencyMs.p50.toFixed(3)} ms, p99 ${test.latencyMs.p99.toFixed(3)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}
