// The customer hears from the shop by e-mail: an order placed, shipped or cancelled in the site sends
// one mail each, through the whole event path (the orders table's stream, the order-events function,
// the local EventBridge bus, the order-mails function, the SES v2 API) to the local inbox, and nothing
// for a confirmation. What a customer reads is checked: the subject names the order as the site does,
// the mail has an HTML and a text part with the order's lines, and no token or address in it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, openBrowser, productNamed, screenshotFailures, ShopWindow, unique } from './shop';

const PRODUCT = 'Desk lamp';

interface Mail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

describeInBrowser('order mails', () => {
  screenshotFailures();
  let browser: Browser;
  let shopper: ShopWindow;
  let page: Page;
  const customer = unique('mails');
  const address = `${customer}@example.com`;
  const mailUrl = inject('mailUrl');

  const mails = async (): Promise<Mail[]> => {
    const response = await fetch(new URL('/store', mailUrl));
    expect(response.status, 'the inbox answers').toBe(200);
    const { emails } = (await response.json()) as { emails: Mail[] };
    return emails.filter((mail) => mail.destination.to.includes(address));
  };
  const reference = (orderId: string) => orderId.slice(-8).toUpperCase();

  async function placeOrder(): Promise<string> {
    const product = await productNamed(PRODUCT);
    await page.goto(`/#/products/${product.product_id}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/#/checkout');
    await page.getByLabel('Street and house number').fill('7 Mailbox Lane');
    await page.getByLabel('City').fill('Postville');
    await page.getByLabel('ZIP or postal code').fill('10115');
    await page.getByLabel('Country code').fill('DE');
    await page.getByRole('button', { name: /^Place order/ }).click();
    await page.waitForURL(/#\/orders\/[0-9a-f-]+\?placed$/);
    return decodeURIComponent(new URL(page.url()).hash.split('/')[2].split('?')[0]);
  }

  beforeAll(async () => {
    browser = await openBrowser();
    shopper = await ShopWindow.open(browser);
    page = shopper.page;
    await page.goto('/');
    await shopper.signIn(customer);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('placing, shipping and cancelling in the site send one mail each, confirming none', async () => {
    const shipped = await placeOrder();
    const cancelled = await placeOrder();
    await page.getByRole('button', { name: /^Cancel order/ }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => page.locator('.order-details .status').textContent()).toBe('Cancelled');

    const admin = await ShopWindow.open(browser);
    await admin.page.goto('/');
    await admin.signIn(unique('admin'), { admin: true });
    await admin.page
      .getByRole('navigation', { name: 'Shop' })
      .getByRole('link', { name: 'Orders', exact: true })
      .click();
    await admin.page.getByLabel('Customer').fill(customer);
    await admin.page.getByRole('button', { name: 'Find orders' }).click();
    const card = admin.page.locator('.order-card', { hasText: reference(shipped) });
    await card.getByRole('button', { name: /^Confirm/ }).click();
    await expect.poll(() => card.locator('.status').textContent()).toBe('Confirmed');
    await card.getByRole('button', { name: /^Mark shipped/ }).click();
    await expect.poll(() => card.locator('.status').textContent()).toBe('Shipped');
    admin.assertNoConsoleErrors();
    await admin.close();

    // Placed twice, shipped once, cancelled once: four mails, and no more arrive.
    await expect.poll(async () => (await mails()).length, { timeout: 60_000, interval: 500 }).toBe(4);
    const subjects = (await mails()).map((mail) => mail.subject);
    expect(subjects.filter((s) => s.includes(reference(shipped)))).toEqual(
      expect.arrayContaining([expect.stringMatching(/placed/i), expect.stringMatching(/shipped/i)]),
    );
    expect(subjects.filter((s) => s.includes(reference(cancelled)))).toEqual(
      expect.arrayContaining([expect.stringMatching(/placed/i), expect.stringMatching(/cancelled/i)]),
    );
    await new Promise((settle) => setTimeout(settle, 3_000));
    expect((await mails()).length, 'the confirmation sends nothing, and nothing is sent twice').toBe(4);

    const token = await shopper.accessToken();
    for (const mail of await mails()) {
      expect(mail.body.html, `${mail.subject}: an HTML part`).toContain(PRODUCT);
      expect(mail.body.text, `${mail.subject}: a text part`).toContain(PRODUCT);
      const whole = JSON.stringify(mail);
      expect(whole, 'no token in a mail').not.toContain(token);
      expect(whole, 'no shipping address in a mail').not.toContain('Mailbox Lane');
    }
    shopper.assertNoConsoleErrors();
  });
});
