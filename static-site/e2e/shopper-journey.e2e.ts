// The shop's main story, in a real browser against the real stack: a shopper finds a product, puts
// two in the cart, signs in, checks out and sees the order; an administrator confirms and ships it;
// the shopper sees it shipped. On the way: the address checks, phone width and the keyboard.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiOrder, apiGet, describeInBrowser, openBrowser, screenshotFailures, ShopWindow, unique } from './shop';

describeInBrowser('a shopper buys, an administrator fulfils', () => {
  screenshotFailures();
  let browser: Browser;
  let shopper: ShopWindow;
  const customer = unique('shopper');
  let orderId = '';

  beforeAll(async () => {
    browser = await openBrowser();
    shopper = await ShopWindow.open(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the shopper finds a product, adds two to the cart, signs in, checks out and sees the order', async () => {
    const page = shopper.page;
    await page.goto('/');
    await expect.poll(() => page.locator('.product-card').count()).toBeGreaterThan(0);
    await shopper.screenshot('01-catalog');

    await page.getByLabel('Search products').fill('lamp');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Products matching “lamp”');
    await page.getByRole('link', { name: 'Desk lamp', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Desk lamp');
    await page.getByRole('button', { name: 'One more Desk lamp' }).click();
    await expect(await page.getByLabel('Quantity of Desk lamp').inputValue()).toBe('2');
    await shopper.screenshot('02-product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Added' }).textContent())
      .toContain('Added 2 × Desk lamp to your cart');

    await page.getByRole('link', { name: /^Cart/ }).click();
    await expect.poll(() => page.locator('.cart-total').textContent()).toContain('$79.80');
    await shopper.screenshot('03-cart');
    await page.getByRole('link', { name: 'Check out' }).click();
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Sign in to place your order');

    await shopper.signIn(customer, { from: 'page' });
    expect(new URL(page.url()).hash).toBe('#/checkout');

    // The address is checked as the contract checks it, next to each field.
    await page.getByLabel('Street and house number').fill('123 Serverless Way');
    await page.getByLabel('City').fill('Cloud City');
    await page.getByLabel('ZIP or postal code').fill('#12345');
    await page.getByLabel('Country code').fill('XX');
    await page.getByRole('button', { name: /^Place order/ }).click();
    const zip = page.getByLabel('ZIP or postal code');
    await expect.poll(() => zip.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-shipping_address-zip_code-error').textContent()).toMatch(/letters, digits/);
    expect(await page.locator('#field-shipping_address-country-error').textContent()).toMatch(/ISO 3166/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-shipping_address-zip_code');
    await shopper.screenshot('04-checkout-invalid-address');

    await zip.fill('12345');
    await page.getByLabel('Country code').fill('us');
    await page.getByRole('button', { name: /^Place order/ }).click();
    await page.waitForURL(/#\/orders\/[0-9a-f-]+\?placed$/);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Thank you! Your order is placed.');
    orderId = decodeURIComponent(new URL(page.url()).hash.split('/')[2].split('?')[0]);
    expect(await page.locator('.order-details').textContent()).toContain('$79.80');
    await shopper.screenshot('05-order-placed');
    expect(await page.getByRole('link', { name: /^Cart/ }).textContent()).toContain('0');

    await page.getByRole('link', { name: 'Your orders' }).first().click();
    const card = page.locator('.order-card', { hasText: orderId.slice(-8).toUpperCase() });
    await expect.poll(() => card.locator('.status').textContent()).toBe('Pending');
    await shopper.screenshot('06-order-history');

    const history = await apiGet<{ items: ApiOrder[] }>(`/customers/${customer}/orders`, await shopper.accessToken());
    expect(history.items.map((o) => o.order_id)).toEqual([orderId]);
    shopper.assertNoConsoleErrors();
  });

  it('an administrator confirms and ships it, and the shopper sees it shipped', async () => {
    expect(orderId, 'the order of the first test').not.toBe('');
    const admin = await ShopWindow.open(browser);
    const page = admin.page;
    await page.goto('/');
    await admin.signIn(unique('admin'), { admin: true });
    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByLabel('Customer').fill(customer);
    await page.getByRole('button', { name: 'Find orders' }).click();
    const card = page.locator('.order-card', { hasText: orderId.slice(-8).toUpperCase() });
    await card.getByRole('button', { name: /^Confirm/ }).click();
    await expect.poll(() => card.locator('.status').textContent()).toBe('Confirmed');
    await card.getByRole('button', { name: /^Mark shipped/ }).click();
    await expect.poll(() => card.locator('.status').textContent()).toBe('Shipped');
    await admin.screenshot('07-admin-orders');
    admin.assertNoConsoleErrors();
    await admin.close();

    await shopper.page.reload();
    const shopperCard = shopper.page.locator('.order-card', { hasText: orderId.slice(-8).toUpperCase() });
    await expect.poll(() => shopperCard.locator('.status').textContent()).toBe('Shipped');
    await shopperCard.getByRole('link').click();
    await expect.poll(() => shopper.page.locator('.order-details .status').textContent()).toBe('Shipped');
    expect(
      await shopper.page.getByRole('button', { name: /Cancel/ }).count(),
      'a shipped order cannot be cancelled',
    ).toBe(0);
    await shopper.screenshot('08-order-shipped');
    shopper.assertNoConsoleErrors();
  });

  it('works at phone width and with the keyboard alone', async () => {
    const phone = await ShopWindow.open(browser, { width: 375, height: 812 });
    const page = phone.page;
    await page.goto('/');
    await expect.poll(() => page.locator('.product-card').count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      'no sideways scrolling',
    ).toBeLessThanOrEqual(375);
    await phone.screenshot('09-catalog-phone');

    // Keyboard: the skip link comes first and is visible when focused; buttons work with Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const firstAdd = page.getByRole('button', { name: /^Add .* to cart$/ }).first();
    await firstAdd.focus();
    const outline = await firstAdd.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline, 'a visible focus ring').not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: /^Cart/ }).textContent()).toContain('1');
    await page.getByRole('link', { name: /^Cart/ }).press('Enter');
    await expect.poll(() => page.locator('.cart-line').count()).toBe(1);
    // The new page's heading has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.screenshot('10-cart-phone');
    phone.assertNoConsoleErrors();
    await phone.close();
  });
});
