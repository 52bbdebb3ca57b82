// One local cloud for the whole browser test run, started as `make run` starts it and stopped at
// the end with every process it started. Without Chromium the suite says so loudly and skips; under
// CI=true every test fails instead (e2e/shop.ts), so the summary counts them as failed.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, chromiumAvailable } from '../scripts/chromium.mjs';
import { REPO, startLocalCloud } from '../scripts/local-cloud.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running shop, or '' when the browser tests cannot run. */
    shopUrl: string;
    /** Why they cannot, or ''. */
    browserMissing: string;
    /** The running shop's mail inbox (the local SES v2 server), or ''. */
    mailUrl: string;
  }
}

const RESULTS = join(REPO, 'static-site/test-results');

export default async function setup(project: TestProject) {
  if (!chromiumAvailable()) {
    const why =
      `Chromium is not installed at ${CHROMIUM}, so the browser tests cannot run` +
      ' (apt-get update && apt-get install -y chromium)';
    const ci = process.env.CI === 'true';
    const bar = '!'.repeat(100);
    console.warn(`\n${bar}\n${ci ? 'FAILING (CI=true: nothing may be skipped)' : 'SKIPPED'}: ${why}.\n${bar}\n`);
    project.provide('shopUrl', '');
    project.provide('browserMissing', why);
    project.provide('mailUrl', '');
    return undefined;
  }
  mkdirSync(RESULTS, { recursive: true });
  const log = createWriteStream(join(RESULTS, 'local-cloud.log'));
  const started = Date.now();
  const stack = await startLocalCloud({ report: 'e2e', log: (line) => log.write(`${line}\n`) });
  console.log(
    `local cloud ready at ${stack.url} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      ' (its output: static-site/test-results/local-cloud.log)',
  );
  project.provide('shopUrl', stack.url);
  project.provide('browserMissing', '');
  project.provide('mailUrl', stack.mailUrl);
  return async () => {
    try {
      await stack.stop();
    } catch (error) {
      // Vitest logs what a global teardown throws but still exits 0: contract violations must fail the run.
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    } finally {
      log.end();
    }
  };
}
