// A checkout submitted twice makes one order: a retry after a lost answer, a double click, two
// submits in the same instant. Checked through the API, not the page. Then the shopper cancels an
// order while it is still allowed, and its stock comes back.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ApiOrder,
  apiGet,
  describeInBrowser,
  openBrowser,
  productNamed,
  screenshotFailures,
  ShopWindow,
  unique,
} from './shop';

const PRODUCT = 'Ceramic mug, 350 ml';

describeInBrowser('a checkout submitted twice', () => {
  screenshotFailures();
  let browser: Browser;
  let shopper: ShopWindow;
  let page: Page;
  const customer = unique('twice');
  const keys: string[] = [];

  const orders = async () =>
    (await apiGet<{ items: ApiOrder[] }>(`/customers/${customer}/orders`, await shopper.accessToken())).items;
  const stock = async () => (await productNamed(PRODUCT)).stock_quantity;

  /** From the product page to a filled-in checkout, ready to place the order. */
  async function readyToPlace(): Promise<void> {
    const product = await productNamed(PRODUCT);
    await page.goto(`/#/products/${product.product_id}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/#/checkout');
    await page.getByLabel('Street and house number').fill('1 Retry Road');
    await page.getByLabel('City').fill('Idempotville');
    await page.getByLabel('ZIP or postal code').fill('10115');
    await page.getByLabel('Country code').fill('DE');
  }

  const placed = () => page.waitForURL(/#\/orders\/[0-9a-f-]+\?placed$/);

  beforeAll(async () => {
    browser = await openBrowser();
    shopper = await ShopWindow.open(browser);
    page = shopper.page;
    // Every Idempotency-Key the page sends, in order.
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/orders') {
        keys.push(request.headers()['idempotency-key']);
      }
    });
    await page.goto('/');
    await shopper.signIn(customer);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a retry after a lost answer makes one order', async () => {
    await readyToPlace();
    const before = await stock();
    // The first request reaches the server and places the order; its answer is lost on the way back.
    let first = true;
    await page.route('**/orders', async (route) => {
      if (first && route.request().method() === 'POST') {
        first = false;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    shopper.expectAbortedRequest();
    await page.getByRole('button', { name: /^Place order/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The shop could not be reached');
    await shopper.screenshot('11-checkout-answer-lost');

    await page.getByRole('button', { name: /^Place order/ }).click();
    await placed();
    await page.unroute('**/orders');

    expect(keys).toHaveLength(2);
    expect(keys[1], 'the retry carries the same key').toBe(keys[0]);
    expect(await orders()).toHaveLength(1);
    expect(await stock(), 'one unit left the stock, not two').toBe(before - 1);
  });

  it('a double click makes one order', async () => {
    await readyToPlace();
    keys.length = 0;
    await page.getByRole('button', { name: /^Place order/ }).dblclick();
    await placed();
    expect(new Set(keys).size, 'one key').toBe(1);
    expect(await orders()).toHaveLength(2);
  });

  it('two submits in the same instant make one order', async () => {
    await readyToPlace();
    keys.length = 0;
    const before = await stock();
    // Both submits run before the page can disable the button: only the key and the page's
    // in-flight guard stand between them and a second order.
    await page.locator('form.checkout__address').evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await placed();
    expect(new Set(keys).size, 'one key').toBe(1);
    expect(await orders()).toHaveLength(3);
    expect(await stock()).toBe(before - 1);
    shopper.assertNoConsoleErrors();
  });

  it('the shopper cancels an order while it is pending, and its stock comes back', async () => {
    const before = await stock();
    await page.getByRole('button', { name: /^Cancel order/ }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => page.locator('.order-details .status').textContent()).toBe('Cancelled');
    expect(await page.getByRole('button', { name: /^Cancel order/ }).count(), 'nothing left to cancel').toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent(), 'no thanks for a cancelled order').toMatch(
      /^Order [0-9A-F]{8}$/,
    );
    await shopper.screenshot('12-order-cancelled');
    expect(await stock()).toBe(before + 1);
    shopper.assertNoConsoleErrors();
  });
});
