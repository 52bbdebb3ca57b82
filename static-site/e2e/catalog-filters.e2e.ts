// A shopper sorts and narrows the catalog: category, order and price range live in the address, so
// "Load more" keeps them (the next page of the same list), reload keeps them, back and forward move
// between them; a range upside down is refused next to its field without asking the API; the form
// works with the keyboard and fits a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, describeInBrowser, openBrowser, screenshotFailures, ShopWindow, unique } from './shop';

/** Twelve products in a category of their own, priced 1.00 to 12.00, named so that by name they are cheapest first. */
const PRICES = Array.from({ length: 12 }, (_, i) => i + 1);

describeInBrowser('sorting and price filters in the address', () => {
  screenshotFailures();
  let browser: Browser;
  let shopper: ShopWindow;
  let page: Page;
  let adminToken = '';
  const word = unique('filters').toLowerCase();
  const slug = `sorting-${word}`;
  const categoryName = `Sorting ${word}`;
  let categoryId = '';
  const productIds: string[] = [];

  const cardPrices = async () =>
    (await page.locator('.product-card .price').allTextContents()).map((text) => Number(text.replace(/[^0-9.]/g, '')));

  beforeAll(async () => {
    browser = await openBrowser();
    const admin = await ShopWindow.open(browser);
    await admin.page.goto('/');
    await admin.signIn(unique('admin'), { admin: true });
    adminToken = await admin.accessToken();
    await admin.close();

    const category = await api('POST', '/admin/categories', adminToken, { body: { slug, name: categoryName } });
    expect(category.status).toBe(201);
    categoryId = ((await category.json()) as { category_id: string }).category_id;
    for (const price of PRICES) {
      const created = await api('POST', '/admin/products', adminToken, {
        body: {
          sku: unique(`SORT-${price}`).toUpperCase(),
          name: `${word} item ${String(price).padStart(2, '0')}`,
          price,
          stock_quantity: 3,
          category_ids: [categoryId],
        },
      });
      expect(created.status).toBe(201);
      productIds.push(((await created.json()) as { product_id: string }).product_id);
    }

    shopper = await ShopWindow.open(browser);
    page = shopper.page;
  });

  afterAll(async () => {
    for (const id of productIds) {
      await api('DELETE', `/admin/products/${id}`, adminToken).catch(() => undefined);
    }
    if (categoryId) {
      await api('DELETE', `/admin/categories/${categoryId}`, adminToken).catch(() => undefined);
    }
    await browser?.close();
  });

  it('sorts by price, dearest first, within a price range; "Load more" keeps both', async () => {
    await page.goto(`/#/?category=${slug}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(categoryName);
    await expect.poll(cardPrices).toEqual(PRICES.slice(0, 8)); // by name: 01, 02, ... on the first page of 8

    await page.getByLabel('Sort by').selectOption({ label: 'Price: high to low' });
    await page.getByLabel('Lowest price (USD)').fill('2');
    await page.getByLabel('Highest price (USD)').fill('11.5');
    const listed = page.waitForRequest((request) => request.url().includes('sort=-price'));
    await page.getByRole('button', { name: 'Apply' }).click();
    const request = new URL((await listed).url());
    expect(Object.fromEntries(request.searchParams)).toMatchObject({
      category: slug,
      sort: '-price',
      min_price: '2',
      max_price: '11.5',
      limit: '8',
    });
    await expect
      .poll(() => new URL(page.url()).hash)
      .toBe(`#/?category=${slug}&sort=-price&min_price=2&max_price=11.5`);
    await expect.poll(cardPrices).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);

    const nextPage = page.waitForRequest((r) => r.url().includes('cursor='));
    await page.getByRole('button', { name: 'Load more products' }).click();
    const next = new URL((await nextPage).url()).searchParams;
    expect([next.get('category'), next.get('sort'), next.get('min_price'), next.get('max_price')]).toEqual([
      slug,
      '-price',
      '2',
      '11.5',
    ]);
    await expect.poll(cardPrices).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(await page.getByRole('button', { name: 'Load more products' }).count(), 'the last page').toBe(0);
    await shopper.screenshot('24-catalog-sorted-filtered');
    shopper.assertNoConsoleErrors();
  });

  it('keeps them on reload, and back and forward move between them', async () => {
    await page.reload();
    await expect.poll(cardPrices).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('-price');
    expect(await page.getByLabel('Lowest price (USD)').inputValue()).toBe('2');
    expect(await page.getByLabel('Highest price (USD)').inputValue()).toBe('11.5');

    await page.goBack();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/?category=${slug}`);
    await expect.poll(cardPrices).toEqual(PRICES.slice(0, 8));
    expect(await page.getByLabel('Sort by').inputValue(), 'the form follows the address').toBe('name');
    expect(await page.getByLabel('Lowest price (USD)').inputValue()).toBe('');

    await page.goForward();
    await expect.poll(cardPrices).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('-price');

    // "Any price" drops the range and keeps the order and the category.
    await page.getByRole('link', { name: 'Any price' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/?category=${slug}&sort=-price`);
    await expect.poll(cardPrices).toEqual([12, 11, 10, 9, 8, 7, 6, 5]);
    shopper.assertNoConsoleErrors();
  });

  it('refuses a range upside down next to its field, without asking the API', async () => {
    const before = page.url();
    let asked = 0;
    const count = (request: { url: () => string }) => {
      if (new URL(request.url()).pathname === '/products') {
        asked++;
      }
    };
    page.on('request', count);
    await page.getByLabel('Lowest price (USD)').fill('20');
    await page.getByLabel('Highest price (USD)').fill('10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.locator('#field-max_price-error').textContent())
      .toBe('The highest price must not be below the lowest.');
    expect(await page.evaluate(() => document.activeElement?.id), 'the field in error has the focus').toBe(
      'field-max_price',
    );
    expect(await page.getByLabel('Highest price (USD)').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(before);
    expect(asked).toBe(0);
    page.off('request', count);
    shopper.assertNoConsoleErrors();
  });

  it('works with the keyboard alone, and on a phone', async () => {
    const phone = await ShopWindow.open(browser, { width: 360, height: 740 });
    const small = phone.page;
    await small.goto(`/#/?category=${slug}`);
    await expect.poll(() => small.locator('.product-card').count()).toBe(8);
    expect(
      await small.evaluate(() => document.documentElement.scrollWidth),
      'nothing wider than the screen',
    ).toBeLessThanOrEqual(360);

    await small.getByLabel('Sort by').focus();
    for (let i = 0; i < 3; i++) {
      await small.keyboard.press('ArrowDown'); // name, price, -price, newest
    }
    await small.keyboard.press('Tab');
    await small.keyboard.type('3');
    await small.keyboard.press('Tab');
    await small.keyboard.type('5');
    await small.keyboard.press('Enter');
    await expect.poll(() => new URL(small.url()).hash).toBe(`#/?category=${slug}&sort=newest&min_price=3&max_price=5`);
    await expect.poll(() => small.locator('.product-card .price').count()).toBe(3);
    const prices = (await small.locator('.product-card .price').allTextContents()).map((t) =>
      Number(t.replace(/[^0-9.]/g, '')),
    );
    // Made one after the other, they may share a creation time; the order among them is the API's.
    expect(prices.sort((a, b) => a - b)).toEqual([3, 4, 5]);
    await phone.screenshot('25-catalog-filters-phone');
    phone.assertNoConsoleErrors();
    await phone.close();
  });
});
