import type { products } from '@serverless-shop/api-client';
import { imgAttributes } from './productImages';

/**
 * One picture of a product: the browser chooses the size from srcset for the width `sizes` says it
 * is drawn at; `fallbackWidth` picks src for browsers without srcset.
 */
export function ProductImage({
  image,
  sizes,
  fallbackWidth,
  lazy,
  class: className,
  decorative = false,
}: {
  image: products.ProductImage;
  sizes: string;
  fallbackWidth: number;
  lazy: boolean;
  class: string;
  /** Inside a control that is labelled already: no text of its own. */
  decorative?: boolean;
}) {
  const { src, srcset, width, height, alt } = imgAttributes(image, sizes, fallbackWidth);
  return (
    <img
      class={className}
      src={src}
      srcset={srcset}
      sizes={sizes}
      width={width}
      height={height}
      alt={decorative ? '' : alt}
      loading={lazy ? 'lazy' : 'eager'}
      decoding="async"
    />
  );
}
