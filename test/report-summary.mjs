// Prints one plain closing line for CI from the vitest and Playwright JSON reports of `npm test`.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = '.test-reports/vitest.json';
if (existsSync(vitest)) {
	const report = JSON.parse(readFileSync(vitest, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	skipped += report.numPendingTests + report.numTodoTests;
}
const playwright = '.test-reports/playwright.json';
if (existsSync(playwright)) {
	const { stats } = JSON.parse(readFileSync(playwright, 'utf8'));
	passed += stats.expected + stats.flaky;
	failed += stats.unexpected;
	skipped += stats.skipped;
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
