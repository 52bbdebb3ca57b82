// A product's pictures as <img> attributes. The API serves each image in a few widths (smallest
// first); the browser picks one from srcset for the width the layout gives it (sizes), and width and
// height reserve the space before the bytes arrive, so nothing moves when they do.
import type { products } from '@serverless-shop/api-client';

/** The images shoppers may see: ready, with at least one size. */
export function readyImages(product: Pick<products.Product, 'images'>): products.ProductImage[] {
  return (product.images ?? []).filter((image) => image.status === 'ready' && image.sizes.length > 0);
}

/** "url 400w, url 1200w" */
export function srcsetOf(sizes: readonly products.ImageSize[]): string {
  return sizes.map((size) => `${size.url} ${size.width}w`).join(', ');
}

export interface ImgAttributes {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  alt: string;
}

/**
 * The attributes of an <img> showing the image at most `cssWidth` wide (the `sizes` attribute).
 * `src`, for browsers without srcset, is the smallest size at least `fallbackWidth` pixels wide (else
 * the largest); width and height are its own, which gives the box its aspect ratio.
 */
export function imgAttributes(image: products.ProductImage, sizes: string, fallbackWidth: number): ImgAttributes {
  const bySize = [...image.sizes].sort((a, b) => a.width - b.width);
  const fallback = bySize.find((size) => size.width >= fallbackWidth) ?? bySize[bySize.length - 1];
  return {
    src: fallback.url,
    srcset: srcsetOf(bySize),
    sizes,
    width: fallback.width,
    height: fallback.height,
    alt: image.alt,
  };
}

/*
 * How wide the pictures are drawn, for `sizes` (16 px rems, as media queries count them). The card
 * grid (styles.css .product-grid: columns of at least 15rem, 1rem gaps, in <main> at most 72rem wide
 * with 1rem padding) has one column below 33rem of viewport, two below 49rem, three below 65rem and
 * four above; the picture fills the card less its 1rem padding on each side.
 */
export const CARD_IMAGE_SIZES =
  '(max-width: 33rem) calc(100vw - 4rem), (max-width: 49rem) calc(50vw - 3.5rem), ' +
  '(max-width: 65rem) calc(33vw - 3rem), 15rem';
/** The product page's picture: the page's column (.product, at most 40rem) less main's padding. */
export const PRODUCT_IMAGE_SIZES = '(max-width: 42rem) calc(100vw - 2rem), 40rem';
/** A thumbnail under it (styles.css .thumbnails). */
export const THUMBNAIL_SIZES = '5rem';

/** How many cards a first screen shows at most (four columns): the ones after it load lazily. */
export const EAGER_CARD_IMAGES = 4;
