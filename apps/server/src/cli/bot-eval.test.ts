import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type BotEvalResult, parseBotEvalArgs, runBotEval } from './bot-eval.ts';
import { CliUsageError } from './contacts-import.ts';

const fixtures = fileURLToPath(new URL('../../../../packages/answer-bot/src/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tp-bot-eval-'));

function capture() {
  const out: string[] = [];
  return { out, stream: { isTTY: false, write: (text: string) => out.push(text) } };
}

async function run(argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const result = await runBotEval(parseBotEvalArgs(['eval', ...argv]), { stdout: stdout.stream, stderr: stderr.stream });
  return { result, stdout: stdout.out.join(''), stderr: stderr.out.join('') };
}

describe('touchpoint bot eval', () => {
  const columns = ['--text-column', 'question', '--label-column', 'intent'];

  it('trains on a CSV file and reports accuracy, macro-F1, out-of-scope figures and latency', async () => {
    const { stdout, stderr, result } = await run(['--train', join(fixtures, 'small-intents.csv'), '--test', join(fixtures, 'small-intents-test.csv'), ...columns, '--threshold', '0.5']);
    expect(stderr).toContain('Training on 44 examples, 4 labels');
    expect(stderr).toContain('[##########] 100% 12/12 epochs');
    expect(stdout).toMatch(/^Trained logistic regression on 44 examples \(4 labels, [\d,]+ terms\) in [\d.]+ s\./);
    expect(stdout).toMatch(/in-scope accuracy\s+[\d.]+% \(13 examples\)/);
    expect(stdout).toMatch(/out-of-scope recall\s+[\d.]+% \(2 examples labelled “oos”\)/);
    expect(stdout).toMatch(/latency per query\s+p50 [\d.]+ ms, p99 [\d.]+ ms/);
    expect(result.test.inScope.accuracy).toBeGreaterThan(0.75);
  });

  it('reads named keys of a JSON file, calibrates on a validation set, and prints JSON', async () => {
    const file = join(dir, 'data.json');
    const rows = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(','));
    const { readFileSync } = await import('node:fs');
    const train = rows(readFileSync(join(fixtures, 'small-intents.csv'), 'utf8'));
    const test = rows(readFileSync(join(fixtures, 'small-intents-test.csv'), 'utf8'));
    writeFileSync(file, JSON.stringify({ train, val: test.filter((_, i) => i % 2 === 0), test: test.filter((l) => l[1] !== 'oos'), oos_test: test.filter((l) => l[1] === 'oos') }));
    const { stdout } = await run(['--train', `${file}:train`, '--val', `${file}:val`, '--test', `${file}:test,oos_test`, '--json']);
    const parsed = JSON.parse(stdout) as BotEvalResult;
    expect(parsed.train).toMatchObject({ examples: 44, labels: 4 });
    expect(parsed.calibration).toMatchObject({ examples: 8 });
    expect(parsed.test.examples).toBe(15);
    expect(parsed.test.outOfScope).toMatchObject({ label: 'oos', examples: 2 });
  });

  it('names the problem with a bad file, column, key or option', async () => {
    const train = join(fixtures, 'small-intents.csv');
    await expect(run(['--train', train, '--test', join(dir, 'missing.csv'), ...columns])).rejects.toThrow(/no such file: .*missing\.csv/);
    await expect(run(['--train', train, '--test', train])).rejects.toThrow('small-intents.csv: no column named “text” or “label”; the columns are “question”, “intent”');
    const json = join(dir, 'keys.json');
    writeFileSync(json, JSON.stringify({ train: [['hi', 'greet']] }));
    await expect(run(['--train', `${json}:training`, '--test', train, ...columns])).rejects.toThrow('keys.json: no key “training”; the keys are train');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"train": [');
    await expect(run(['--train', `${broken}:train`, '--test', train])).rejects.toThrow(/broken\.json: not valid JSON/);
    expect(() => parseBotEvalArgs(['eval', '--train', 'a.csv'])).toThrow(CliUsageError);
    expect(() => parseBotEvalArgs(['eval', '--train', 'a.csv', '--test', 'b.csv', '--threshold', '2'])).toThrow('--threshold must be a number from 0 to 1, not “2”');
    expect(() => parseBotEvalArgs(['eval', '--train', 'a.csv', '--test', 'b.csv', '--bogus'])).toThrow(/unknown option “--bogus”/);
  });

  it('trains one-vs-rest SVMs on request, calibrated on the validation set', async () => {
    const train = join(fixtures, 'small-intents.csv');
    const test = join(fixtures, 'small-intents-test.csv');
    const { stdout, stderr, result } = await run(['--train', train, '--val', test, '--test', test, ...columns, '--model', 'svm']);
    expect(stderr).toContain('[##########] 100% 4/4 labels');
    expect(stdout).toMatch(/^Trained one-vs-rest linear SVMs on 44 examples/);
    expect(result.model).toBe('svm');
    expect(result.calibration!.temperature).toBeGreaterThan(0);
    expect(result.test.inScope.accuracy).toBeGreaterThan(0.75);
    expect(() => parseBotEvalArgs(['eval', '--train', 'a.csv', '--test', 'b.csv', '--model', 'bert'])).toThrow('--model must be logistic or svm, not “bert”');
  });

  it('refuses a training set with a single label', async () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'text,label\nhi,greet\nhello,greet\n');
    await expect(run(['--train', one, '--test', one])).rejects.toThrow('the training set needs at least two labels, it has 1');
  });
});
