// Starts the whole shop the way `make run` does - the gateway's main class on its own class path,
// in its own JVM - on free ports, in memory, with its data in a temporary folder; and stops it with
// every process it started. The browser tests and the budget script each run one stack this way.
// The stack holds every API exchange to the contracts (--contract-report) in
// static-site/test-results/contracts-<report>-<port>.jsonl, which scripts/test-summary adds up, and
// stop() fails, listing them, when any exchange broke the contracts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReport, violations } from '../../scripts/contract-reports.mjs';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const GATEWAY = join(REPO, 'local-cloud/gateway/target');
const READY = /ready in ([\d.]+) s/;

/** A port nobody listens on right now, on the loopback interface the stack binds. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The JDK 25+ `make` uses: JAVA_HOME when the Makefile exported it, else scripts/find-jdk. */
function java() {
  const found = spawnSync(join(REPO, 'scripts/find-jdk'), { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`no JDK 25 or newer: ${found.stderr.trim()}`);
  }
  return join(found.stdout.trim(), 'bin', 'java');
}

/**
 * @param {{ seed?: boolean, log?: (line: string) => void, timeoutMs?: number, report?: string }} options
 *   report: names the contract report (who ran the stack), default 'stack'
 * @returns {Promise<{ url: string, mailUrl: string, readySeconds: number, contractReport: string, stop: () => Promise<void> }>}
 *   mailUrl: the local SES inbox (aws-ses-v2-local), where the shop's mails arrive
 */
export async function startLocalCloud({ seed = true, log = () => {}, timeoutMs = 180_000, report = 'stack' } = {}) {
  if (!existsSync(join(GATEWAY, 'classes')) || !existsSync(join(GATEWAY, 'lib'))) {
    throw new Error('the local cloud is not built: run `make build` (or ./mvnw -DskipTests install) first');
  }
  if (!existsSync(join(REPO, 'static-site/dist/index.html'))) {
    throw new Error('the site is not built: run `npm run build -w static-site` first');
  }
  const port = await freePort();
  const mailPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'serverless-shop-site-'));
  const contractReport = join(REPO, 'static-site/test-results', `contracts-${report}-${port}.jsonl`);
  const args = [
    '-cp',
    `${join(GATEWAY, 'classes')}:${join(GATEWAY, 'lib')}/*`,
    'serverlessshop.localcloud.LocalCloud',
    '--repo',
    REPO,
    '--port',
    String(port),
    '--dynamodb-port',
    String(await freePort()),
    '--mail-port',
    String(mailPort),
    '--data-dir',
    dataDir,
    '--in-memory',
    '--contract-report',
    contractReport,
    ...(seed ? [] : ['--no-seed']),
  ];
  // detached: the stack leads its own process group, so that stop() can make sure no process of it
  // (DynamoDB Local, the functions' JVMs) outlives the run, whatever happened.
  const stack = spawn(java(), args, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolveExit) => stack.once('exit', (code, signal) => resolveExit({ code, signal })));

  const ready = new Promise((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local cloud was not ready within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        log(line);
        const match = READY.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveReady(Number(match[1]));
        }
      }
    };
    stack.stdout.setEncoding('utf8').on('data', onData);
    stack.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the local cloud exited before it was ready (${signal ?? `exit code ${code}`})`));
    });
  });

  let ended;
  const end = () => {
    ended ??= (async () => {
      if (stack.exitCode === null && stack.signalCode === null) {
        process.kill(-stack.pid, 'SIGTERM'); // as Ctrl-C: the stack stops what it started
        const late = setTimeout(() => killGroup(stack.pid), 60_000);
        await exited;
        clearTimeout(late);
      }
      await waitForGroupToEnd(stack.pid);
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return ended;
  };
  const stop = async () => {
    await end();
    const broken = existsSync(contractReport) ? violations(readReport(contractReport)) : [];
    if (broken.length > 0) {
      throw new Error(
        `${broken.length} contract violations in ${contractReport}:\n  ` +
          `${broken.slice(0, 40).join('\n  ')}${broken.length > 40 ? `\n  ... and ${broken.length - 40} more` : ''}`,
      );
    }
  };

  try {
    const readySeconds = await ready;
    return {
      url: `http://localhost:${port}`,
      mailUrl: `http://localhost:${mailPort}`,
      readySeconds,
      contractReport,
      stop,
    };
  } catch (error) {
    await end();
    throw error;
  }
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Whether any process of the group is alive (signal 0 checks without signalling). */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** After the stack exited, its children must follow; any still there after 10 s are killed, loudly. */
async function waitForGroupToEnd(pid) {
  for (let i = 0; i < 100 && groupAlive(pid); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (groupAlive(pid)) {
    killGroup(pid);
    throw new Error(`processes of the local cloud (process group ${pid}) outlived it and were killed`);
  }
}
