// An administrator makes a category on the categories page (renaming it with If-Match: a change
// someone else made first shows as a conflict), puts a product in it and uploads its image: the file
// goes with the presigned form straight to the image store, the image function resizes it, and the
// page shows it ready. A shopper then finds the product in the category with its picture, served in
// its sizes (srcset) from the shop's own origin, under the Content-Security-Policy.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pngImage } from './images';
import { api, apiGet, describeInBrowser, openBrowser, screenshotFailures, ShopWindow, shopUrl, unique } from './shop';

interface ApiCategory {
  category_id: string;
  slug: string;
  name: string;
}

interface ApiImage {
  image_id: string;
  status: string;
  alt: string;
  sizes: Array<{ width: number; height: number; url: string }>;
}

interface ApiProductWithImages {
  product_id: string;
  price: number;
  category_ids?: string[];
  images?: ApiImage[];
}

/** The category with this slug, as anybody sees it. */
async function categoryWithSlug(slug: string): Promise<ApiCategory | undefined> {
  let cursor = '';
  for (let page = 0; page < 10; page++) {
    const answer = await apiGet<{ items: ApiCategory[]; next_cursor?: string | null }>(
      `/categories?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const found = answer.items.find((category) => category.slug === slug);
    if (found || !answer.next_cursor) {
      return found;
    }
    cursor = answer.next_cursor;
  }
  return undefined;
}

/** The image processing runs in a function of its own, cold the first time. */
const PROCESSING = { timeout: 90_000, interval: 500 };

describeInBrowser('an administrator adds a category and an image; a shopper browses by them', () => {
  screenshotFailures();
  let browser: Browser;
  let admin: ShopWindow;
  let page: Page;
  const word = unique('lamps').toLowerCase();
  const categoryName = `Reading ${word}`;
  const slug = `reading-${word}`;
  const renamed = `Clip-on ${word}`;
  const renamedSlug = `clip-on-${word}`;
  const productName = `Clip lamp ${word}`;
  const alt = `A clip lamp, ${word}, on a shelf`;
  let categoryId = '';
  let productId = '';

  beforeAll(async () => {
    browser = await openBrowser();
    admin = await ShopWindow.open(browser);
    page = admin.page;
    await page.goto('/');
    await admin.signIn(unique('admin'), { admin: true });
  });

  afterAll(async () => {
    if (admin && productId) {
      const token = await admin.accessToken().catch(() => '');
      await api('DELETE', `/admin/products/${productId}`, token).catch(() => undefined);
      await api('DELETE', `/admin/categories/${categoryId}`, token).catch(() => undefined);
    }
    await browser?.close();
  });

  it('creates a category on the categories page, the slug suggested by its name', async () => {
    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Categories', exact: true }).click();
    await page.waitForURL(/#\/admin\/categories$/);
    await page.getByLabel('Name', { exact: true }).fill(categoryName);
    expect(await page.getByLabel('Slug', { exact: true }).inputValue()).toBe(slug);
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.locator('.category-item', { hasText: categoryName }).waitFor();
    const created = await categoryWithSlug(slug);
    expect(created?.name).toBe(categoryName);
    categoryId = created?.category_id ?? '';

    // The same slug again: the server's answer lands next to the slug.
    admin.expectErrorAnswer(409);
    await page.getByLabel('Name', { exact: true }).fill(`${categoryName} again`);
    await page.getByLabel('Slug', { exact: true }).fill(slug);
    await page.getByRole('button', { name: 'Create category' }).click();
    await expect.poll(() => page.locator('#field-slug-error').count()).toBe(1);
    await admin.screenshot('20-admin-categories');
    admin.assertNoConsoleErrors();
  });

  it('renames it with If-Match: a change someone else made first is shown, then the current version loaded', async () => {
    expect(categoryId, 'the category of the first test').not.toBe('');
    const item = page.locator('.category-item', { hasText: categoryName });
    await item.getByRole('button', { name: `Edit ${categoryName}` }).click();
    const editor = page.getByRole('form', { name: `Edit the category ${categoryName}` });
    await editor.getByLabel('Name').waitFor();

    // Someone else renames it after this page read it.
    const token = await admin.accessToken();
    const current = await api('GET', `/admin/categories/${categoryId}`, token);
    const theirs = await api('PUT', `/admin/categories/${categoryId}`, token, {
      headers: { 'If-Match': current.headers.get('etag') ?? '' },
      body: { slug, name: `${categoryName} (theirs)` },
    });
    expect(theirs.status).toBe(200);

    admin.expectErrorAnswer(412);
    await editor.getByLabel('Name').fill(renamed);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.getByRole('alert').textContent()).toContain('Someone else changed this category');
    await editor.getByRole('button', { name: 'Load the current version' }).click();
    const reloaded = page.getByRole('form', { name: `Edit the category ${categoryName} (theirs)` });
    await expect.poll(() => reloaded.getByLabel('Name').inputValue()).toBe(`${categoryName} (theirs)`);

    await reloaded.getByLabel('Name').fill(renamed);
    await reloaded.getByLabel('Slug').fill(renamedSlug);
    await reloaded.getByRole('button', { name: 'Save' }).click();
    await page.locator('.category-item', { hasText: renamed }).waitFor();
    expect(await categoryWithSlug(renamedSlug)).toMatchObject({ category_id: categoryId, name: renamed });
    expect(await categoryWithSlug(slug), 'links to the old slug find nothing').toBeUndefined();
    admin.assertNoConsoleErrors();
  });

  it('puts a new product in the category and uploads its image, which becomes ready', async () => {
    expect(categoryId, 'the category of the first tests').not.toBe('');
    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('SKU').fill(unique('CLIP').toUpperCase());
    await page.getByLabel('Name', { exact: true }).fill(productName);
    await page.getByLabel('Price (USD)').fill('29.90');
    await page.getByLabel('Units in stock').fill('5');
    await page.getByRole('group', { name: 'Categories' }).getByLabel(renamed).check();
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/#\/admin\/products\/[0-9a-f-]{36}$/);
    productId = decodeURIComponent(new URL(page.url()).hash.split('/')[3]);
    const saved = await apiGet<ApiProductWithImages>(`/products/${productId}`);
    expect(saved.category_ids).toEqual([categoryId]);
    expect(await page.getByRole('group', { name: 'Categories' }).getByLabel(renamed).isChecked()).toBe(true);

    // A file the shop does not take is refused before anything is asked of the API.
    const images = page.getByRole('region', { name: 'Images' });
    let imageRequests = 0;
    page.on('request', (request) => {
      if (request.url().includes(`/products/${productId}/images`)) {
        imageRequests++;
      }
    });
    await images.getByLabel('Image file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not an image'),
    });
    await images.getByRole('button', { name: 'Upload image' }).click();
    await expect.poll(() => page.locator('#image-file-error').textContent()).toBe('Choose a JPEG, PNG or WebP image.');
    expect(imageRequests).toBe(0);

    // A real PNG, wider than the largest size: it comes back in both (400 and 1200 pixels wide).
    await images.getByLabel('Image file').setInputFiles({
      name: 'clip-lamp.png',
      mimeType: 'image/png',
      buffer: pngImage(1600, 1200),
    });
    await images.getByLabel('Text alternative').fill(alt);
    const stored = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).origin !== new URL(shopUrl).origin,
    );
    await images.getByRole('button', { name: 'Upload image' }).click();
    expect((await stored).ok(), 'the image store took the presigned form').toBe(true);
    await expect.poll(() => images.getByRole('status').textContent(), PROCESSING).toContain('The image is ready');
    await expect.poll(() => images.locator('.image-item__status').first().textContent()).toBe('Ready');
    await admin.screenshot('21-admin-product-image');

    const withImage = await apiGet<ApiProductWithImages>(`/products/${productId}`);
    expect(withImage.images).toHaveLength(1);
    expect(withImage.images?.[0]).toMatchObject({ status: 'ready', alt });
    expect(withImage.images?.[0].sizes.map((size) => size.width)).toEqual([400, 1200]);

    // The image made a new version of the product; its details, edited in the same form, still save
    // without a conflict, since nobody else changed them.
    await page.getByLabel('Price (USD)').fill('27.90');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await apiGet<ApiProductWithImages>(`/products/${productId}`)).price).toBe(27.9);
    admin.assertNoConsoleErrors();
  });

  it('the shopper finds the product in the category, with its picture in every size', async () => {
    expect(productId, 'the product of the previous test').not.toBe('');
    const shopper = await ShopWindow.open(browser);
    const shop = shopper.page;
    await shop.goto('/');
    await shop.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: renamed }).click();
    await expect.poll(() => new URL(shop.url()).hash).toBe(`#/?category=${renamedSlug}`);
    await expect.poll(() => shop.getByRole('heading', { level: 1 }).textContent()).toBe(renamed);
    expect(
      await shop
        .getByRole('navigation', { name: 'Categories' })
        .getByRole('link', { name: renamed })
        .getAttribute('aria-current'),
    ).toBe('page');
    await expect.poll(() => shop.locator('.product-card').count()).toBe(1);

    const picture = shop.locator('.product-card img');
    expect(await picture.getAttribute('alt')).toBe(alt);
    expect(await picture.getAttribute('srcset')).toMatch(
      /^\/images\/[A-Za-z0-9/._-]+\/400\.jpg 400w, \/images\/[A-Za-z0-9/._-]+\/1200\.jpg 1200w$/,
    );
    expect(await picture.getAttribute('sizes')).toBeTruthy();
    expect(await picture.getAttribute('width')).toBe('400');
    expect(await picture.getAttribute('height')).toBe('300');
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const served = await fetch(new URL((await picture.evaluate((img: HTMLImageElement) => img.currentSrc)) as string));
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toContain('immutable');
    await shopper.screenshot('22-catalog-category-images');

    await shop.getByRole('link', { name: productName }).click();
    const large = shop.locator('.gallery__large');
    await expect
      .poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await large.getAttribute('alt')).toBe(alt);
    expect(await shop.locator('.thumbnails').count(), 'one image: no thumbnails').toBe(0);
    await shopper.screenshot('23-product-image');
    shopper.assertNoConsoleErrors();
    await shopper.close();
  });

  it('deletes the image; the shopper sees the product without a picture', async () => {
    expect(productId, 'the product of the previous tests').not.toBe('');
    const images = page.getByRole('region', { name: 'Images' });
    await images.getByRole('button', { name: `Delete the image “${alt}”` }).click();
    await expect.poll(() => images.locator('.image-item').count()).toBe(0);
    expect((await apiGet<ApiProductWithImages>(`/products/${productId}`)).images ?? []).toEqual([]);
    admin.assertNoConsoleErrors();

    const shopper = await ShopWindow.open(browser);
    await shopper.page.goto(`/#/products/${productId}`);
    await expect.poll(() => shopper.page.getByRole('heading', { level: 1 }).textContent()).toBe(productName);
    expect(await shopper.page.locator('.gallery, .product img').count()).toBe(0);
    await shopper.page.goto(`/#/?category=${renamedSlug}`);
    await expect.poll(() => shopper.page.locator('.product-card').count()).toBe(1);
    expect(await shopper.page.locator('.product-card img').count()).toBe(0);
    shopper.assertNoConsoleErrors();
    await shopper.close();
  });
});
