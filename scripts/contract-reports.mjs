#!/usr/bin/env node
// Adds up the contract reports of the last test run: every local cloud a suite ran held each API
// exchange to the contracts (--contract-report) and wrote one JSON line per exchange with the
// violations the gateway's contract policy found. Prints
//   contracts: N answers checked (N operations), N invalid requests answered 4xx, N violations
// then each kind of violation, and exits 1 when there is any.
// Reports: <module>/target/contract-reports/*.jsonl (Maven suites), <workspace>/test-results/contracts-*.jsonl
// (the site's browser tests and anything else that uses static-site/scripts/local-cloud.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LISTED = 60;

/** The exchanges of one report; a line cut short at the end (a killed stack) is left out. */
export function readReport(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
  return lines.flatMap((line, i) => {
    try {
      return [JSON.parse(line)];
    } catch (error) {
      if (i < lines.length - 1) {
        throw new Error(`${file}, line ${i + 1} is not JSON: ${line}`);
      }
      return [];
    }
  });
}

/** "GET /orders -> 401 (orders.yaml listOrders): answer: ..." for each violation of the exchanges. */
export function violations(exchanges) {
  return exchanges.flatMap((e) => (e.violations ?? []).map((v) =>
    `${e.method} ${e.path} -> ${e.status} (${e.contract ?? 'no contract'} ${e.operationId ?? 'no operation'}): ${v}`));
}

const SKIP = new Set(['node_modules', 'src', 'dist', 'terraform']);

/** Every report under <module>/target/contract-reports/ and <workspace>/test-results/contracts-*.jsonl. */
export function findReports(dir = REPO, depth = 0) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'target') found.push(...files(join(path, 'contract-reports'), /\.jsonl$/));
    else if (entry.name === 'test-results') found.push(...files(path, /^contracts-.*\.jsonl$/));
    else if (depth < 2) found.push(...findReports(path, depth + 1));
  }
  return found.sort();
}

function files(dir, pattern) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).map((f) => join(dir, f)) : [];
}

function summary() {
  const reports = findReports();
  if (reports.length === 0) {
    console.log('contracts: no contract reports found (the suites that run a local cloud write them)');
    return 1;
  }
  let answers = 0;
  let invalidAnswered4xx = 0;
  const operations = new Set();
  const kinds = new Map(); // one line per kind of violation: operation, status and problem
  let total = 0;
  for (const file of reports) {
    for (const e of readReport(file)) {
      answers++;
      if (e.operationId) operations.add(`${e.contract} ${e.operationId}`);
      const invalid = (e.requestProblems ?? []).length > 0 || !e.operationId;
      if (invalid && e.status >= 400 && e.status < 500) invalidAnswered4xx++;
      for (const v of e.violations ?? []) {
        total++;
        const where = e.operationId ? `${e.method} ${e.contract} ${e.operationId}` : `${e.method} ${e.path}`;
        const key = `${where} -> ${e.status}: ${v}`;
        const kind = kinds.get(key) ?? { count: 0, example: `${e.method} ${e.path}`, file: relative(REPO, file) };
        kind.count++;
        kinds.set(key, kind);
      }
    }
  }
  console.log(`contracts: ${answers} answers checked (${operations.size} operations), `
    + `${invalidAnswered4xx} invalid requests answered 4xx, ${total} violations`);
  const listed = [...kinds.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [key, kind] of listed.slice(0, LISTED)) {
    console.log(`  ${kind.count}x ${key}\n      e.g. ${kind.example} in ${kind.file}`);
  }
  if (listed.length > LISTED) {
    console.log(`  ... and ${listed.length - LISTED} more kinds: see ${reports.map((r) => relative(REPO, r)).join(', ')}`);
  }
  return total > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = summary();
}
