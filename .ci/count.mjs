// Sums the JSON reports of every test tier into the one closing line CI reads: "N passed, N failed, N skipped".
// A tier whose report is missing counts as one failure, so a crashed runner can never look green; so does a failed
// step (`--failed-steps typecheck,e2e,…`) whose failure no report counts: typecheck, lint, build, the size check, or a
// tier that stopped before running a test (a port in use, a server that would not start).
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const stepsArg = args.find((arg) => arg.startsWith('--failed-steps='));
const failedSteps = new Set((stepsArg?.slice('--failed-steps='.length) ?? '').split(',').filter(Boolean));
const TIER_OF_REPORT = { 'unit.json': 'unit', 'integration.json': 'integration', 'e2e.json': 'e2e' };

let passed = 0;
let failed = 0;
let skipped = 0;
const countedSteps = new Set();
for (const file of args.filter((arg) => !arg.startsWith('--'))) {
  const tier = Object.entries(TIER_OF_REPORT).find(([name]) => file.endsWith(name))?.[1];
  const failedBefore = failed;
  if (!existsSync(file)) {
    console.log(`${file}: no report (the tier did not run to the end)`);
    failed += 1;
    if (tier) countedSteps.add(tier);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    console.log(`${file}: ${report.stats.expected} passed, ${report.stats.unexpected} failed, ${report.stats.flaky} flaky, ${report.stats.skipped} skipped`);
  } else {
    // Vitest (Jest-compatible JSON)
    const tierSkipped = report.numPendingTests + report.numTodoTests;
    const suiteErrors = (report.testResults ?? []).filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
    passed += report.numPassedTests;
    failed += report.numFailedTests + suiteErrors;
    skipped += tierSkipped;
    console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests + suiteErrors} failed, ${tierSkipped} skipped`);
  }
  if (tier && failed > failedBefore) countedSteps.add(tier);
}
for (const step of failedSteps) {
  if (countedSteps.has(step)) continue;
  console.log(`step ${step} failed without a failing test in any report: counted as one failure`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
