// Sums the JSON reports of every test tier into the one closing line CI reads: "N passed, N failed, N skipped".
// A tier whose report is missing counts as one failure, so a crashed runner can never look green.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the tier did not run to the end)`);
    failed += 1;
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
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
