// What the browser tests share: the browser, pages that fail the test on console errors, signing in
// on the local issuers' pages, screenshots, and reading the API directly to check what the pages did.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../scripts/chromium.mjs';
import { REPO } from '../scripts/local-cloud.mjs';

export const shopUrl = inject('shopUrl');

/**
 * The browser tests, where global-setup started a stack. Where it could not (no Chromium), they are
 * skipped - it said why, loudly - or, under CI=true, they fail.
 */
export function describeInBrowser(name: string, tests: () => void): void {
  if (shopUrl !== '') {
    describe(name, tests);
  } else if (process.env.CI === 'true') {
    describe(name, () =>
      it('runs in Chromium', () => {
        throw new Error(`${inject('browserMissing')}. CI=true: nothing may be skipped.`);
      }),
    );
  } else {
    describe.skip(name, tests);
  }
}

const SCREENSHOTS = join(REPO, 'static-site/test-results/screenshots');

export function openBrowser(): Promise<Browser> {
  return launchChromium();
}

/** The windows open now, for a screenshot of each when a test fails. */
const openWindows = new Set<ShopWindow>();

/** Call in a describe: a failed test leaves screenshots of every open window (failed-<test>-<n>.png). */
export function screenshotFailures(): void {
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const name = task.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
      let n = 0;
      for (const window of openWindows) {
        await window.screenshot(`failed-${name}-${++n}`).catch(() => undefined);
      }
    }
  });
}

/** A user's own browser window: its own storage, its own console, checked for errors and CSP violations. */
export class ShopWindow {
  readonly consoleErrors: string[] = [];
  /** What the site's Content-Security-Policy blocked, as the page's securitypolicyviolation events said. */
  readonly cspViolations: string[] = [];
  /** Console errors the test provokes on purpose: Chromium logs every error answer and aborted request. */
  private readonly expected: RegExp[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location().url;
        this.consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
      }
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`));
    openWindows.add(this);
    context.on('close', () => openWindows.delete(this));
  }

  static async open(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<ShopWindow> {
    const context = await browser.newContext({ viewport, baseURL: shopUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const shopWindow = new ShopWindow(context, page);
    // Every document of the window reports what its policy refused; a report-only console line
    // could be missed, the event cannot.
    await context.exposeBinding('reportCspViolation', (_source, violation: string) => {
      shopWindow.cspViolations.push(violation);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation;
        void report(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    return shopWindow;
  }

  /** An error answer the test provokes, e.g. 412: Chromium logs it as "Failed to load resource". */
  expectErrorAnswer(status: number): void {
    this.expected.push(new RegExp(`^Failed to load resource: the server responded with a status of ${status} `));
  }

  /** A request the test aborts on purpose. */
  expectAbortedRequest(): void {
    this.expected.push(/^Failed to load resource: net::ERR_/);
  }

  /** No console errors but those the test provoked, and nothing the Content-Security-Policy blocked. */
  assertNoConsoleErrors(): void {
    expect(this.consoleErrors.filter((text) => !this.expected.some((pattern) => pattern.test(text)))).toEqual([]);
    expect(this.cspViolations, 'Content-Security-Policy violations').toEqual([]);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /**
   * A shopper: from the header's "Sign in" (or any page's) through the local shoppers' issuer and
   * back. An administrator: from the header's "Administrator sign-in" link to the admin pages' "Sign
   * in as administrator", through the local administrators' issuer (/admin-oauth2; everybody who
   * signs in there is in its admin group) and back to the admin pages.
   */
  async signIn(
    user: string,
    { admin = false, from = 'header' }: { admin?: boolean; from?: 'header' | 'page' } = {},
  ): Promise<void> {
    const page = this.page;
    if (admin) {
      if (from === 'header') {
        await page.locator('.account').getByRole('link', { name: 'Administrator sign-in' }).click();
      }
      await page.getByRole('main').getByRole('button', { name: 'Sign in as administrator', exact: true }).click();
    } else {
      const button =
        from === 'header'
          ? page.locator('.account').getByRole('button', { name: 'Sign in', exact: true })
          : page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true });
      await button.click();
    }
    const issuer = admin ? '/admin-oauth2' : '/oauth2';
    await page.waitForURL((url) => url.pathname === `${issuer}/authorize`);
    await page.getByLabel('User name').fill(user);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith(issuer) && !url.search.includes('code='));
    await page.locator('.account__name', { hasText: user }).waitFor(); // (usable in beforeAll, unlike expect.poll)
  }

  /** The signed-in user's access token, for checking through the API what the pages did. */
  async accessToken(): Promise<string> {
    const token = await this.page.evaluate(
      () => JSON.parse(sessionStorage.getItem('serverless-shop.tokens.v1') ?? '{}').accessToken,
    );
    expect(token, 'signed in').toBeTypeOf('string');
    return token as string;
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}

/**
 * A request to the API as the given user, outside the browser: to check or to change behind a page's
 * back. An administrator's token is taken only under /admin (the administrators' API).
 */
export async function api(
  method: string,
  path: string,
  token?: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(new URL(path, shopUrl), {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export async function apiGet<T>(path: string, token?: string): Promise<T> {
  const response = await api('GET', path, token);
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

export interface ApiProduct {
  product_id: string;
  sku: string;
  name: string;
  price: number;
  stock_quantity: number;
}

export interface ApiOrder {
  order_id: string;
  order_status: string;
}

/** The catalog's product with this exact name, as anybody sees it. */
export async function productNamed(name: string): Promise<ApiProduct> {
  const page = await apiGet<{ items: ApiProduct[] }>(`/products?q=${encodeURIComponent(name)}`);
  const product = page.items.find((p) => p.name === name);
  expect(product, name).toBeDefined();
  return product as ApiProduct;
}

/** A name no other test run has used: the stack is shared by the files of a run. */
export function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
