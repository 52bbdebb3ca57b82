import type { products } from '@serverless-shop/api-client';
import { useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { maxQuantity } from '../cart/cart';
import { useAddToCart } from '../cart/useAddToCart';
import { ProductImage } from '../catalog/ProductImage';
import { PRODUCT_IMAGE_SIZES, readyImages, THUMBNAIL_SIZES } from '../catalog/productImages';
import { toCents } from '../money';
import { href } from '../router';
import { Empty, Loading, PageHeading, ProblemAlert } from '../ui/Feedback';
import { useLoad, useTitle } from '../ui/hooks';
import { QuantityInput } from '../ui/QuantityInput';
import { stockText } from './stockText';

export function ProductPage({ id }: { id: string }) {
  const { api, money } = useServices();
  const add = useAddToCart();
  const [quantity, setQuantity] = useState(1);
  const [loaded, reload] = useLoad(() => api.products.getProduct({ productId: id }), [api, id]);
  useTitle(loaded.status === 'ready' ? loaded.value.name : 'Product');

  if (loaded.status === 'loading') {
    return (
      <>
        <PageHeading>Product</PageHeading>
        <Loading>Loading the product…</Loading>
      </>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <>
        <PageHeading>Product</PageHeading>
        {loaded.problem.status === 404 ? (
          <Empty>
            <p>
              This product does not exist or is no longer for sale. <a href={href.catalog()}>Back to the catalog</a>
            </p>
          </Empty>
        ) : (
          <ProblemAlert problem={loaded.problem} onRetry={reload} />
        )}
      </>
    );
  }
  const product = loaded.value;
  const max = maxQuantity(product.stockQuantity);
  return (
    <article class="product">
      <p class="breadcrumb">
        <a href={href.catalog()}>← Catalog</a>
      </p>
      <PageHeading>{product.name}</PageHeading>
      <Gallery images={readyImages(product)} />
      <p class="product__price price">{money(toCents(product.price))}</p>
      <p class={max > 0 ? 'stock' : 'stock stock--out'}>{stockText(product.stockQuantity)}</p>
      {product.description && <p class="product__description">{product.description}</p>}
      <p class="product__sku">SKU {product.sku}</p>
      {max > 0 && (
        <form
          class="add-to-cart"
          onSubmit={(event) => {
            event.preventDefault();
            add(product, quantity);
          }}
        >
          <QuantityInput
            id="quantity"
            label={product.name}
            value={Math.min(quantity, max)}
            max={max}
            onValue={setQuantity}
          />
          <button type="submit">Add to cart</button>
        </form>
      )}
    </article>
  );
}

/** The first image large; the others as thumbnails that show themselves large when chosen. */
function Gallery({ images }: { images: products.ProductImage[] }) {
  const [shown, setShown] = useState(0);
  const large = images[Math.min(shown, images.length - 1)];
  if (!large) {
    return null;
  }
  return (
    <div class="gallery">
      <ProductImage
        key={large.imageId}
        class="gallery__large"
        image={large}
        sizes={PRODUCT_IMAGE_SIZES}
        fallbackWidth={800}
        lazy={false}
      />
      {images.length > 1 && (
        <ul class="thumbnails" aria-label="Images">
          {images.map((image, index) => (
            <li key={image.imageId}>
              <button
                type="button"
                class="thumbnail"
                aria-pressed={index === shown}
                aria-label={`Image ${index + 1} of ${images.length}: ${image.alt}`}
                onClick={() => setShown(index)}
              >
                <ProductImage
                  class="thumbnail__image"
                  image={image}
                  sizes={THUMBNAIL_SIZES}
                  fallbackWidth={160}
                  lazy
                  decorative
                />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
