// An administrator, signed in at the administrators' issuer, manages the catalog through the
// administrators' API (/admin): creates a product (errors next to their fields, the server's too),
// edits it with If-Match (a conflict with someone else's change is shown and the page reloads the
// current version), changes its stock and deletes it. A shopper is no administrator.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, type ApiProduct, describeInBrowser, openBrowser, screenshotFailures, ShopWindow, unique } from './shop';

describeInBrowser('an administrator manages the catalog', () => {
  screenshotFailures();
  let browser: Browser;
  let admin: ShopWindow;
  let page: Page;
  const sku = unique('LAMP-READING').toUpperCase();
  let productId = '';

  const fieldError = (id: string) => page.locator(`#field-${id}-error`).textContent();

  beforeAll(async () => {
    browser = await openBrowser();
    admin = await ShopWindow.open(browser);
    page = admin.page;
    await page.goto('/');
    await admin.signIn(unique('admin'), { admin: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a product; every error shows next to its field', async () => {
    expect(await page.locator('.account .tag').textContent(), "an administrator's session says so").toBe(
      'administrator',
    );
    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('SKU').fill('');
    await page.getByLabel('Price (USD)').fill('1.999');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => fieldError('sku')).toBe('Enter a SKU.');
    expect(await fieldError('name')).toBe('Enter a name.');
    expect(await fieldError('price')).toMatch(/two decimals/);
    expect(await page.evaluate(() => document.activeElement?.id), 'the first field in error has the focus').toBe(
      'field-sku',
    );

    // The server's answer to a SKU that exists lands next to the SKU too.
    admin.expectErrorAnswer(409);
    await page.getByLabel('SKU').fill('LAMP-DESK-01');
    await page.getByLabel('Name').fill('Reading lamp');
    await page.getByLabel('Description').fill('A clip-on lamp.\nWarm light.');
    await page.getByLabel('Price (USD)').fill('24.5');
    await page.getByLabel('Units in stock').fill('7');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => fieldError('sku')).toMatch(/already used/);
    expect(await page.getByRole('alert').textContent()).toBeTruthy();
    await admin.screenshot('13-admin-duplicate-sku');

    await page.getByLabel('SKU').fill(sku);
    const created = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create product' }).click();
    expect(new URL((await created).url()).pathname, "through the administrators' API").toBe('/admin/products');
    expect((await created).status()).toBe(201);
    await page.waitForURL(/#\/admin\/products\/[0-9a-f-]{36}$/);
    productId = decodeURIComponent(new URL(page.url()).hash.split('/')[3]);
    await expect.poll(() => page.getByLabel('Price (USD)').inputValue()).toBe('24.50');
    admin.assertNoConsoleErrors();
  });

  it('edits with If-Match: a conflicting change is shown, and the current version can be loaded', async () => {
    expect(productId, 'the product of the first test').not.toBe('');
    // Someone else changes the stock after this page read the product.
    const token = await admin.accessToken();
    const current = await api('GET', `/admin/products/${productId}`, token);
    const theirs = { ...((await current.json()) as ApiProduct), stock_quantity: 99 };
    const changed = await api('PUT', `/admin/products/${productId}`, token, {
      headers: { 'If-Match': current.headers.get('etag') ?? '' },
      body: {
        sku: theirs.sku,
        name: theirs.name,
        description: 'A clip-on lamp.\nWarm light.',
        price: theirs.price,
        stock_quantity: 99,
        is_active: true,
      },
    });
    expect(changed.status).toBe(200);

    admin.expectErrorAnswer(412);
    await page.getByLabel('Price (USD)').fill('19.90');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Someone else changed this product');
    await admin.screenshot('14-admin-edit-conflict');

    await page.getByRole('button', { name: 'Load the current version' }).click();
    await expect.poll(() => page.getByLabel('Units in stock').inputValue()).toBe('99');
    expect(await page.getByLabel('Price (USD)').inputValue(), 'the form shows their version, not the lost edit').toBe(
      '24.50',
    );
    await page.getByLabel('Price (USD)').fill('19.90');
    await page.getByLabel('Units in stock').fill('120');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);

    const saved = (await (await api('GET', `/products/${productId}`)).json()) as ApiProduct;
    expect(saved).toMatchObject({ price: 19.9, stock_quantity: 120, name: 'Reading lamp' });
    admin.assertNoConsoleErrors();
  });

  it('finds it in the product list with its stock, and deletes it', async () => {
    await page.getByRole('link', { name: '← Products' }).click();
    await page.getByLabel('Search').fill(sku);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('tr', { hasText: sku });
    await expect.poll(() => row.locator('td[data-label="Stock"]').textContent()).toBe('120');
    await admin.screenshot('15-admin-products');

    await row.getByRole('link', { name: 'Reading lamp' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.waitForURL(/#\/admin\/products$/);
    expect((await api('GET', `/products/${productId}`)).status).toBe(404);
    admin.assertNoConsoleErrors();
  });
});

describeInBrowser('a shopper is no administrator', () => {
  screenshotFailures();
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is told on the admin pages to sign out and sign in as an administrator', async () => {
    const shopper = await ShopWindow.open(browser);
    const page = shopper.page;
    await page.goto('/');
    const customer = unique('shopper');
    await shopper.signIn(customer);
    expect(
      await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Products', exact: true }).count(),
    ).toBe(0);
    const token = await shopper.accessToken();
    const ownOrders = `/customers/${encodeURIComponent(customer)}/orders`;
    expect((await api('GET', ownOrders, token)).status).toBe(200);
    expect((await api('GET', `/admin${ownOrders}`, token)).status, "the administrators' API refuses it").toBe(401);

    await page.goto('/#/admin/products');
    await expect
      .poll(() => page.getByRole('main').textContent())
      .toContain('sign out, then sign in as an administrator');
    await shopper.screenshot('16-admin-page-shopper');
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('main').getByRole('button', { name: 'Sign in as administrator', exact: true }).waitFor();
    shopper.assertNoConsoleErrors();
    await shopper.close();
  });
});
