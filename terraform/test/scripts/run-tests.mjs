// Runs the Node suites (the deploy script's dry run, the images) with Node's test runner, then
// Terraform's own checks and `terraform test` suites (terraform.mjs): readable reports on stdout and
// JUnit XML in target/test-reports/, which scripts/test-summary adds to `make test`'s closing line.
// That summary counts <testsuite> elements, so every Node test file keeps its tests in one describe().
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as terraform } from './terraform.mjs';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(here, 'target/test-reports');
const report = path.join(reports, 'TEST-terraform.xml');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
const result = spawnSync(process.execPath, [
  '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=junit', `--test-reporter-destination=${report}`,
  ...files,
], { cwd: here, stdio: 'inherit' });

// A test outside any describe() would be missing from the summary's count: refuse that.
const xml = readFileSync(report, 'utf8');
const cases = (xml.match(/<testcase /g) ?? []).length;
const inSuites = [...xml.matchAll(/<testsuite [^>]*\btests="(\d+)"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
if (cases !== inSuites) {
  console.error(`terraform tests: ${cases} tests ran but ${inSuites} are inside a describe(); keep each file's tests in one describe().`);
  process.exit(1);
}
const terraformStatus = await terraform();
process.exit(result.status === 0 ? terraformStatus : (result.status ?? 1));
