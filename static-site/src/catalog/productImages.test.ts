import type { products } from '@serverless-shop/api-client';
import { describe, expect, it } from 'vitest';
import { imgAttributes, readyImages, srcsetOf } from './productImages';

const size = (width: number, height: number) => ({ width, height, url: `/images/p/i/${width}.jpg` });
const image = (over: Partial<products.ProductImage>): products.ProductImage => ({
  imageId: 'i',
  status: 'ready' as products.ImageStatus,
  alt: 'The desk lamp, lit',
  sizes: [size(400, 300), size(1200, 900)],
  ...over,
});

describe("a product's images", () => {
  it('shows the ready ones only, in the order the API gives', () => {
    const first = image({ imageId: 'first' });
    const second = image({ imageId: 'second' });
    const images = [
      image({ imageId: 'pending', status: 'pending' as products.ImageStatus, sizes: [] }),
      first,
      image({ imageId: 'rejected', status: 'rejected' as products.ImageStatus, sizes: [], problem: 'not an image' }),
      second,
    ];
    expect(readyImages({ images }).map((i) => i.imageId)).toEqual(['first', 'second']);
    expect(readyImages({})).toEqual([]);
  });

  it('lists every size in srcset with its width', () => {
    expect(srcsetOf([size(400, 300), size(1200, 900)])).toBe('/images/p/i/400.jpg 400w, /images/p/i/1200.jpg 1200w');
    expect(srcsetOf([size(240, 240)])).toBe('/images/p/i/240.jpg 240w');
  });

  it('falls back to the smallest size wide enough, with its own width and height', () => {
    const card = imgAttributes(image({}), '15rem', 400);
    expect(card).toEqual({
      src: '/images/p/i/400.jpg',
      srcset: '/images/p/i/400.jpg 400w, /images/p/i/1200.jpg 1200w',
      sizes: '15rem',
      width: 400,
      height: 300,
      alt: 'The desk lamp, lit',
    });
    const large = imgAttributes(image({}), '40rem', 800);
    expect(large).toMatchObject({ src: '/images/p/i/1200.jpg', width: 1200, height: 900 });
    // A narrow original has only smaller sizes: the largest there is.
    const narrow = imgAttributes(image({ sizes: [size(320, 480)] }), '40rem', 800);
    expect(narrow).toMatchObject({
      src: '/images/p/i/320.jpg',
      width: 320,
      height: 480,
      srcset: '/images/p/i/320.jpg 320w',
    });
  });

  it('orders srcset by width whatever order the sizes come in', () => {
    expect(imgAttributes(image({ sizes: [size(1200, 900), size(400, 300)] }), 'x', 1).srcset).toBe(
      '/images/p/i/400.jpg 400w, /images/p/i/1200.jpg 1200w',
    );
  });
});
