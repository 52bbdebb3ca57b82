// The site under its Content-Security-Policy, as the local gateway serves it (the same policy as
// CloudFront's, but for the origins): a shopper goes through catalog, cart, sign-in and checkout
// without a single violation; signing out revokes the refresh token; a crafted sign-in error in the
// address puts no words on the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowser, screenshotFailures, ShopWindow, shopUrl, unique } from './shop';

describeInBrowser('the site under its Content-Security-Policy', () => {
  screenshotFailures();
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is served with the strict policy and the security headers', async () => {
    for (const path of ['/', '/config.json', '/favicon.svg']) {
      const response = await fetch(new URL(path, shopUrl));
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self';");
      // The page's own origin, and the image store's where the admin pages upload to it from the browser.
      expect(csp, path).toMatch(/(^|; )connect-src 'self'( https?:\/\/[^\s;]+)?;/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
    }
  });

  it('blocks an injected inline script, and the test hears of it', async () => {
    const window = await ShopWindow.open(browser);
    await window.page.goto('/');
    await expect.poll(() => window.page.locator('.product-card').count()).toBeGreaterThan(0);
    await window.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "ran"';
      document.body.append(script);
    });
    await expect.poll(() => window.cspViolations.length).toBeGreaterThan(0);
    expect(window.cspViolations[0]).toMatch(/^script-src-elem blocked inline/);
    expect(await window.page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    await window.close();
  });

  it('takes a shopper through catalog, cart, sign-in, checkout and sign-out without a violation', async () => {
    const shopper = await ShopWindow.open(browser);
    const page = shopper.page;
    await page.goto('/');
    await expect.poll(() => page.locator('.product-card').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Desk lamp', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Desk lamp');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added' }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('link', { name: 'Check out' }).click();
    await shopper.signIn(unique('csp'), { from: 'page' });

    await page.getByLabel('Street and house number').fill('1 Policy Street');
    await page.getByLabel('City').fill('Sandbox');
    await page.getByLabel('ZIP or postal code').fill('12345');
    await page.getByLabel('Country code').fill('US');
    await page.getByRole('button', { name: /^Place order/ }).click();
    await page.waitForURL(/#\/orders\/[0-9a-f-]+\?placed$/);
    await shopper.screenshot('csp-order-placed');

    const refreshToken = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('serverless-shop.tokens.v1') ?? '{}').refreshToken as string,
    );
    expect(refreshToken, 'the issuer gave a refresh token').toBeTypeOf('string');
    const revoked = page.waitForResponse((response) => new URL(response.url()).pathname === '/oauth2/revoke');
    await page.locator('.account').getByRole('button', { name: 'Sign out' }).click();
    expect((await revoked).status()).toBe(200);
    await page.locator('.account').getByRole('button', { name: 'Sign in' }).waitFor();

    // A copy of the refresh token taken before sign-out is worth nothing now.
    const refresh = await fetch(new URL('/oauth2/token', shopUrl), {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'serverless-shop-web',
        refresh_token: refreshToken,
      }),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');

    expect(shopper.cspViolations).toEqual([]);
    shopper.assertNoConsoleErrors();
    await shopper.close();
  });

  it('browses by category, order and price, with product pictures, without a violation', async () => {
    const shopper = await ShopWindow.open(browser);
    const page = shopper.page;
    await page.goto('/#/?sort=-price&min_price=1');
    await expect.poll(() => page.locator('.product-card').count()).toBeGreaterThan(0);
    const categories = page.getByRole('navigation', { name: 'Categories' }).getByRole('link');
    if ((await categories.count()) > 1) {
      await categories.nth(1).click();
      await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/\?category=[a-z0-9-]+&sort=-price&min_price=1$/);
    }
    await page.getByLabel('Sort by').selectOption('price');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).hash).toContain('sort=price');
    // Whatever pictures the catalog has load from the shop's own origin (img-src 'self').
    await page.locator('.product-card').first().waitFor();
    for (const picture of await page.locator('.product-card img').all()) {
      await picture.scrollIntoViewIfNeeded();
      await expect
        .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
    }
    await page.locator('.product-card h2 a').first().click();
    await page.locator('.product').waitFor();
    await shopper.screenshot('csp-catalog-browsing');
    expect(shopper.cspViolations).toEqual([]);
    shopper.assertNoConsoleErrors();
    await shopper.close();
  });

  it('shows no sign-in error from the address unless this tab started a sign-in', async () => {
    const window = await ShopWindow.open(browser);
    const page = window.page;
    await page.goto('/?error=access_denied&error_description=Your+account+is+locked.+Call+0800-555-0199');
    await expect.poll(() => page.locator('.product-card').count()).toBeGreaterThan(0);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('0800');
    expect(text).toContain('This sign-in was not started here');
    expect(new URL(page.url()).search, 'the query leaves the address bar').toBe('');
    window.assertNoConsoleErrors();
    await window.close();
  });
});
