import { useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { maxQuantity } from '../cart/cart';
import { useAddToCart } from '../cart/useAddToCart';
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
