// Terraform's own checks, run by run-tests.mjs after the Node suites (make test runs Maven first, so
// api-spec/target/routes.json exists): fmt -check, init and validate of the environment and of every
// module, then `terraform test` of every suite, the deploy replay among them. Every step leaves JUnit
// XML in target/test-reports/ for scripts/test-summary.
//
// The provider comes from the filesystem mirror at TF_PLUGIN_DIR (default /opt/tf-plugins) when it
// exists, else from the registry. Under CI=true a missing terraform or mirror fails the run.
//
// init, validate and test run on a copy of terraform/ in target/tree (the rest of the repository
// linked beside it, for the files the configuration reads): an operator's .terraform directories and
// lock files stay untouched, and the copy is where the replay test is written out with its targets.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(here, '../..');
const terraformRoot = path.join(repoRoot, 'terraform');
const target = path.join(here, 'target');
const reports = path.join(target, 'test-reports');
const tree = path.join(target, 'tree');
const copy = path.join(tree, 'terraform');
const ci = process.env.CI === 'true';
const mirror = process.env.TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const TARGETS = 'deploy-targets';
const REPLAY = 'tests/deploy_replay.hcl';
const REPLAY_DIR = 'tests/replay';

const cases = [];
const started = Date.now();

function xml(text) {
  return String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c])
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function writeChecksReport() {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const body = cases.map((c) => {
    const inner = c.failure ? `<failure message="${xml(c.failure.split('\n')[0])}">${xml(c.failure)}</failure>`
      : c.skipped ? `<skipped message="${xml(c.skipped)}"/>` : '';
    return `    <testcase name="${xml(c.name)}" classname="terraform" time="${c.seconds.toFixed(3)}">${inner}</testcase>`;
  }).join('\n');
  writeFileSync(path.join(reports, 'TEST-terraform-checks.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="terraform fmt, init, validate" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">
${body}
  </testsuite>
</testsuites>
`);
}

// The optional CLI configuration file's absence is noise in every report.
const clean = (out) => out.replace(/There are some problems with the CLI configuration:\n[\s\S]*?does not exist\.\n╵\n/g, '');

// terraform ARGS in CWD, its output kept (printed as one block when it is done, so that directories
// run side by side stay readable).
function terraform(args, cwd) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('terraform', args, { cwd, env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', (error) => resolve({ status: 1, out: String(error), seconds: (Date.now() - t0) / 1000 }));
    child.on('close', (status) => resolve({ status, out: clean(out), seconds: (Date.now() - t0) / 1000 }));
  });
}

// One check: a JUnit test case, and whether it passed.
async function check(name, args, cwd, log) {
  const run = await terraform(args, cwd);
  log.push(`==> terraform ${args.join(' ')}   (${path.relative(tree, cwd) || '.'}, ${run.seconds.toFixed(1)} s)`);
  if (args[0] !== 'init' || run.status !== 0) log.push(run.out.trim());
  const failure = run.status === 0 ? null : `terraform ${args.join(' ')} failed (exit ${run.status}):\n${run.out}`;
  cases.push({ name, seconds: run.seconds, failure });
  return run.status === 0;
}

function skipAll(reason) {
  console.log(`terraform: ${reason}: fmt, init, validate and the terraform test suites are skipped`);
  cases.push({ name: 'terraform fmt, init, validate, test', seconds: 0, skipped: reason });
  writeChecksReport();
  return 0;
}

function fail(reason) {
  console.error(`terraform: ${reason}`);
  cases.push({ name: 'terraform is available', seconds: 0, failure: reason });
  writeChecksReport();
  return 1;
}

// terraform/ copied (without working files), everything else of the repository linked next to it.
function prepareTree() {
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  for (const entry of readdirSync(repoRoot)) {
    if (entry === 'terraform' || entry === '.git') continue;
    symlinkSync(path.join(repoRoot, entry), path.join(tree, entry));
  }
  const working = (source) => {
    const name = path.basename(source);
    return !['.terraform', '.terraform.lock.hcl', 'node_modules', 'target'].includes(name) && !name.endsWith('.tfstate');
  };
  // Of terraform/test (this workspace), only the mock data the suites read.
  for (const entry of readdirSync(terraformRoot).filter((e) => e !== 'test')) {
    cpSync(path.join(terraformRoot, entry), path.join(copy, entry), { recursive: true, filter: working });
  }
  cpSync(path.join(here, 'mocks'), path.join(copy, 'test/mocks'), { recursive: true });
}

/** The steps of deploy-targets, in order: [{ step, addresses }]. */
export function readTargets(file) {
  return readFileSync(file, 'utf8').split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [step, ...addresses] = line.split(/\s+/);
      return { step, addresses };
    });
}

/**
 * The replay template with each targeted step's plan_options.target filled in from deploy-targets.
 * Every step of the file must have its run block, in the file's order; a run block that is no step
 * (the full apply) stays untargeted.
 */
export function replayTest(template, steps) {
  let text = template;
  let last = -1;
  for (const { step, addresses } of steps) {
    const opening = `run "${step}" {\n`;
    const at = text.indexOf(opening);
    if (at < 0) throw new Error(`${REPLAY} has no run "${step}" block for the step of ${TARGETS}`);
    if (at < last) throw new Error(`${REPLAY}: run "${step}" is out of the order of ${TARGETS}`);
    if (addresses.length === 0) throw new Error(`${TARGETS}: the step ${step} has no address`);
    const options = `  plan_options {\n    target = [\n${addresses.map((a) => `      ${a},`).join('\n')}\n    ]\n  }\n\n`;
    text = `${text.slice(0, at + opening.length)}${options}${text.slice(at + opening.length)}`;
    last = at;
  }
  return `# Written by terraform/test/scripts/terraform.mjs from ${REPLAY} and ${TARGETS}: do not edit.\n${text}`;
}

function moduleDirs() {
  const modules = path.join(copy, 'modules');
  return [path.join(copy, 'envs/dev'), ...readdirSync(modules).sort().map((m) => path.join(modules, m))];
}

const hasSuites = (dir) => existsSync(path.join(dir, 'tests')) && readdirSync(path.join(dir, 'tests')).some((f) => f.endsWith('.tftest.hcl'));

// terraform test with a JUnit report; a run that wrote no report (it could not start) is a failure.
async function suites(dir, name, extra, log) {
  const report = path.join(reports, `TEST-terraform-${name}.xml`);
  const run = await terraform(['test', '-no-color', `-junit-xml=${report}`, ...extra], dir);
  log.push(`==> terraform test ${extra.join(' ')}   (${path.relative(tree, dir)}, ${run.seconds.toFixed(1)} s)`, run.out.trim());
  if (!existsSync(report) || !/<testcase /.test(readFileSync(report, 'utf8'))) {
    cases.push({ name: `terraform test ${name}`, seconds: run.seconds, failure: `terraform test wrote no test cases (exit ${run.status}):\n${run.out}` });
    return false;
  }
  // A failure outside the run blocks (the destroy that ends every file, for one) is in no test case.
  const xmlReport = readFileSync(report, 'utf8');
  const failed = ['failures', 'errors'].reduce((n, attribute) => n + [...xmlReport.matchAll(new RegExp(`<testsuite [^>]*\\b${attribute}="(\\d+)"`, 'g'))]
    .reduce((sum, m) => sum + Number(m[1]), 0), 0);
  if (run.status !== 0 && failed === 0) {
    cases.push({ name: `terraform test ${name} (outside its run blocks)`, seconds: run.seconds, failure: `terraform test failed (exit ${run.status}) outside its run blocks:\n${run.out}` });
  }
  return run.status === 0;
}

// init, validate and the suites of one directory, in that order.
async function directory(dir, init) {
  const name = path.relative(copy, dir);
  const log = [];
  let ok = await check(`terraform init ${name}`, init, dir, log);
  if (ok) {
    ok = await check(`terraform validate ${name}`, ['validate', '-no-color'], dir, log);
    if (hasSuites(dir)) ok = (await suites(dir, name.replaceAll('/', '-'), [], log)) && ok;
    if (existsSync(path.join(dir, REPLAY_DIR))) ok = (await suites(dir, `${name.replaceAll('/', '-')}-deploy-replay`, [`-test-directory=${REPLAY_DIR}`], log)) && ok;
  }
  console.log(`\n${log.join('\n')}`);
  return ok;
}

// Directories side by side, a few at a time: each terraform process is mostly waiting on its provider.
async function pool(items, size, work) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      results.push(await work(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

export async function main() {
  mkdirSync(reports, { recursive: true });
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return ci ? fail('terraform is not installed (CI=true: nothing may be skipped)') : skipAll('terraform is not installed');
  }
  console.log(`Terraform ${JSON.parse(version.stdout).terraform_version}`);
  const useMirror = existsSync(mirror);
  if (!useMirror && ci) return fail(`no provider mirror at ${mirror} (CI=true: the registry is not used)`);
  console.log(useMirror ? `providers: the filesystem mirror ${mirror}` : `providers: the registry (no mirror at ${mirror})`);

  const fmtLog = [];
  let ok = await check('terraform fmt -check -recursive terraform', ['fmt', '-check', '-recursive', '-diff', 'terraform'], repoRoot, fmtLog);
  console.log(fmtLog.join('\n'));
  prepareTree();

  const env = path.join(copy, 'envs/dev');
  try {
    const replay = replayTest(readFileSync(path.join(env, REPLAY), 'utf8'), readTargets(path.join(env, TARGETS)));
    mkdirSync(path.join(env, REPLAY_DIR), { recursive: true });
    writeFileSync(path.join(env, REPLAY_DIR, 'deploy_replay.tftest.hcl'), replay);
    cases.push({ name: `the replay test follows ${TARGETS}`, seconds: 0, failure: null });
  } catch (error) {
    cases.push({ name: `the replay test follows ${TARGETS}`, seconds: 0, failure: String(error.message) });
    ok = false;
  }

  const init = ['init', '-backend=false', '-input=false', ...(useMirror ? [`-plugin-dir=${mirror}`] : [])];
  const concurrency = Number(process.env.TF_TEST_CONCURRENCY ?? 2);
  const results = await pool(moduleDirs(), concurrency, (dir) => directory(dir, init));
  ok = results.every(Boolean) && ok;
  writeChecksReport();
  console.log(`\nterraform: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await main());
