// The package as a consumer gets it: `npm pack`, the tarball installed in a fresh folder outside the
// repository, a consumer compiled against it under the bundler and nodenext resolutions, and plain
// Node.js loading it to call a local cloud started as `make run` starts it.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../static-site/scripts/local-cloud.mjs';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const CONSUMER_SOURCES = fileURLToPath(new URL('consumer', import.meta.url));
const RESULTS = join(PACKAGE, 'test-results');
// The repository's TypeScript compiles the consumer; the consumer's folder holds only the package.
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command as a user would in that folder: without the npm_* variables of the npm run that
 * started this test, which would make npm treat the folder as part of this repository's workspaces.
 */
function run(command: string, args: string[], cwd: string): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The command's stdout; its whole output in the error when it fails. */
async function runOk(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

interface PackedFile {
  path: string;
}

let workDir: string;
let consumer: string;
let packedFiles: string[];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'serverless-shop-api-client-'));
  consumer = join(workDir, 'consumer');
  mkdirSync(consumer);
  // --json prints the report alone on stdout; prepack's build talks on stderr.
  const packed = await runOk('npm', ['pack', '--json', '--pack-destination', workDir], PACKAGE);
  const [report] = JSON.parse(packed) as Array<{ filename: string; files: PackedFile[] }>;
  packedFiles = report.files.map((file) => file.path);
  for (const file of readdirSync(CONSUMER_SOURCES)) {
    copyFileSync(join(CONSUMER_SOURCES, file), join(consumer, file));
  }
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The package has no dependencies, so the install needs no registry.
  const tarball = join(workDir, report.filename);
  await runOk('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], consumer);
}, 240_000);

afterAll(() => {
  if (workDir) {
    rmSync(workDir, { recursive: true, force: true });
  }
});

describe('the packed package', () => {
  it('carries ES modules, their declarations and maps, the sources they map to, and no tests', () => {
    for (const file of [
      'package.json',
      'README.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/index.js.map',
      'dist/index.d.ts.map',
      'dist/generated/products/index.js',
      'dist/generated/orders/index.d.ts',
      'src/client.ts',
    ]) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((file) => /\.test\.|^src\/generated\/.*\/\.openapi-generator/.test(file))).toEqual([]);
  });

  it.each(['bundler', 'nodenext'])('compiles a strict consumer under moduleResolution %s', async (resolution) => {
    const result = await run(process.execPath, [TSC, '-p', `tsconfig.${resolution}.json`], consumer);
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.code).toBe(0);
  });

  describe('in plain Node.js against a local cloud', () => {
    let stack: Awaited<ReturnType<typeof startLocalCloud>> | undefined;
    let log: WriteStream | undefined;

    beforeAll(async () => {
      mkdirSync(RESULTS, { recursive: true });
      log = createWriteStream(join(RESULTS, 'local-cloud-package.log'));
      // The first start after a build also makes the functions' AOT caches: minutes on a busy machine.
      stack = await startLocalCloud({
        report: 'client-package',
        log: (line: string) => log?.write(`${line}\n`),
        timeoutMs: 360_000,
      });
    }, 420_000);

    afterAll(async () => {
      await stack?.stop();
      log?.end();
    }, 90_000);

    it('lists and gets products, and rejects with a typed ApiProblem from the service and from the gateway', async () => {
      const output = await runOk(process.execPath, ['call-local-cloud.mjs', stack!.url], consumer);
      const seen = JSON.parse(output.trim().split('\n').at(-1)!);

      expect(seen.listed).toBeGreaterThan(0);
      expect(seen.got).toEqual({ sameId: true, createdAtIsDate: true });
      // The products function's problem document.
      expect(seen.unknownProduct).toEqual({ rejected: true, isApiProblem: true, status: 404, code: 'NOT_FOUND' });
      // The gateway's JWT authorizer, before any function runs.
      expect(seen.orderWithoutToken).toEqual({ rejected: true, isApiProblem: true, status: 401, code: 'UNAUTHORIZED' });
    });
  });
});
