// Prints "N passed, N failed" from vitest's JSON report; exits 1 when nothing ran.
import { readFileSync } from 'node:fs'

const file = process.argv[2] ?? '.vitest-report.json'
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch {
  console.log('0 passed, 1 failed (no test report: the test run did not finish)')
  process.exit(1)
}
const skipped = report.numPendingTests + report.numTodoTests
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
)
if (report.numTotalTests === 0) process.exit(1)
