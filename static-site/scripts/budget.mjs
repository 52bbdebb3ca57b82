#!/usr/bin/env node
// The site's budgets, measured:
//   1. initial JS <= 100 KB gzipped: every script index.html loads before the page can run (its module
//      entry and modulepreload links) from the build in dist/, gzipped at zlib's default level (6);
//   2. the catalog renders its first products within 1 s on the local cloud: a local cloud started as
//      `make run` starts it, Debian's Chromium, a fresh browser context per page load (no cache, like a
//      first visit), and the time from navigation start to the page's "first-products-rendered" mark.
//      The budget holds when the median of the loads is within it; the slowest load and the first
//      one after start-up (JVMs still warming up) are reported beside it.
//
//   node scripts/budget.mjs              both; exits 1 when a budget is exceeded
//   node scripts/budget.mjs --size-only  the JS size alone (no stack, no browser: part of make test)
//   node scripts/budget.mjs --write      both, and the results into BENCHMARKS.md at the repository root
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, chromiumAvailable, launchChromium } from './chromium.mjs';
import { REPO, startLocalCloud } from './local-cloud.mjs';

const DIST = join(REPO, 'static-site/dist');
const JS_BUDGET_BYTES = 100 * 1024;
const FIRST_PRODUCTS_BUDGET_MS = 1000;
const LOADS = 9;
const MARK = 'first-products-rendered';

const args = new Set(process.argv.slice(2));

/** The scripts index.html makes the browser load at once, and their gzipped sizes. */
function initialScripts(dist = DIST) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => match[1].replace(/^\.?\//, ''));
  if (sources.length === 0) {
    throw new Error('dist/index.html loads no module script: is the site built?');
  }
  return [...new Set(sources)].map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzipped: gzipSync(bytes).length };
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function firstProducts() {
  const stack = await startLocalCloud({ report: 'budget' });
  const browser = await launchChromium();
  try {
    const times = [];
    let api = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${stack.url}/`);
      await page.waitForSelector('.product-card');
      const measured = await page.evaluate(
        (mark) => ({
          rendered: performance.getEntriesByName(mark)[0]?.startTime,
          api: performance
            .getEntriesByType('resource')
            .filter((entry) => /\/products\?|\/config\.json$/.test(entry.name))
            .map((entry) => entry.duration),
        }),
        MARK,
      );
      if (typeof measured.rendered !== 'number') {
        throw new Error(`the catalog set no "${MARK}" performance mark`);
      }
      times.push(measured.rendered);
      api = api.concat(measured.api);
      await context.close();
    }
    return { times, apiMedian: median(api), chromium: browser.version(), readySeconds: stack.readySeconds };
  } finally {
    await browser.close();
    await stack.stop();
  }
}

function machine() {
  const cpu = cpus();
  return (
    `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM` +
    ` (load average ${loadavg()[0].toFixed(1)} when measured: other work shares the machine); Node ${process.version}`
  );
}

function writeBenchmarks(section) {
  const file = join(REPO, 'BENCHMARKS.md');
  const start = '<!-- static-site budgets: written by static-site/scripts/budget.mjs --write -->';
  const end = '<!-- end of static-site budgets -->';
  const header =
    '# Benchmarks\n\nMeasured figures, each with the machine it ran on, the date and how it was measured.\n';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const block = `${start}\n${section}\n${end}`;
  const pattern = new RegExp(`${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*?${end}`);
  writeFileSync(file, pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`);
  console.log(`written to ${file}`);
}

async function main() {
  const scripts = initialScripts();
  const gzipped = scripts.reduce((sum, s) => sum + s.gzipped, 0);
  const sizeOk = gzipped <= JS_BUDGET_BYTES;
  console.log(
    `initial JS: ${kb(gzipped)} gzipped (${scripts.map((s) => `${s.file} ${kb(s.bytes)} -> ${kb(s.gzipped)}`).join(', ')});` +
      ` budget ${kb(JS_BUDGET_BYTES)}: ${sizeOk ? 'within' : 'EXCEEDED'}`,
  );
  if (args.has('--size-only')) {
    process.exitCode = sizeOk ? 0 : 1;
    return;
  }
  if (!chromiumAvailable()) {
    throw new Error(`Chromium is not at ${CHROMIUM}: the time to the first products cannot be measured`);
  }
  const result = await firstProducts();
  const [first, ...rest] = result.times;
  const warmMedian = median(rest);
  const worst = Math.max(...result.times);
  const all = median(result.times);
  const timeOk = all <= FIRST_PRODUCTS_BUDGET_MS;
  console.log(
    `first products on screen: median ${all.toFixed(0)} ms of ${result.times.length} loads; first load ${first.toFixed(0)} ms,` +
      ` median of the next ${rest.length} ${warmMedian.toFixed(0)} ms,` +
      ` slowest ${worst.toFixed(0)} ms (config.json and /products requests: median ${result.apiMedian.toFixed(0)} ms);` +
      ` budget ${FIRST_PRODUCTS_BUDGET_MS} ms: ${timeOk ? 'within' : 'EXCEEDED'}`,
  );

  if (args.has('--write')) {
    const date = new Date().toISOString().slice(0, 10);
    writeBenchmarks(
      [
        '## Static site budgets',
        '',
        `Machine: ${machine()}; Chromium ${result.chromium} (Debian), headless. Date: ${date}.`,
        `Measured by \`npm run budget -w static-site -- --write\` (static-site/scripts/budget.mjs) on the build in static-site/dist.`,
        '',
        '| budget | limit | measured | how |',
        '| --- | --- | --- | --- |',
        `| initial JS, gzipped | ${kb(JS_BUDGET_BYTES)} | **${kb(gzipped)}** (${scripts.map((s) => `${s.file}: ${kb(s.bytes)} raw`).join(', ')}) | every script dist/index.html loads at once, gzip at zlib's default level (6) |`,
        `| catalog: first products on screen | ${FIRST_PRODUCTS_BUDGET_MS} ms (median) | **${all.toFixed(0)} ms** median of ${result.times.length} loads; slowest ${worst.toFixed(0)} ms; the first load after start-up ${first.toFixed(0)} ms, the others ${warmMedian.toFixed(0)} ms (median) | a local cloud started as \`make run\` starts it (in memory, seeded, ready in ${result.readySeconds} s), a fresh browser context per load (no cache), navigation start to the catalog's \`${MARK}\` mark; its config.json and /products requests took ${result.apiMedian.toFixed(0)} ms (median) |`,
      ].join('\n'),
    );
  }
  process.exitCode = sizeOk && timeOk ? 0 : 1;
}

main().catch((error) => {
  console.error(`budget: ${error.message}`);
  process.exitCode = 1;
});
