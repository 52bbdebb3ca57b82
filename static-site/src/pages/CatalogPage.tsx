import type { products } from '@serverless-shop/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { useAddToCart } from '../cart/useAddToCart';
import { withoutControlCharacters } from '../controlCharacters';
import { toCents } from '../money';
import { href, navigate } from '../router';
import { Empty, Loading, LoadMore, PageHeading, ProblemAlert } from '../ui/Feedback';
import { usePagedList, useTitle } from '../ui/hooks';
import { stockText } from './stockText';

/** Small pages: the first products come quickly on a phone, and "Load more" fetches the rest. */
const PAGE_SIZE = 8;
/** A performance mark when the first products are on screen: scripts/budget.mjs reads it. */
export const FIRST_PRODUCTS_MARK = 'first-products-rendered';

export function CatalogPage({ q }: { q: string }) {
  const { api } = useServices();
  useTitle(q ? `Search: ${q}` : 'Catalog');
  const [query, setQuery] = useState(q);
  // Follow the address when it changes, but not on the first render: the effect runs after paint and
  // would wipe what the shopper has started typing.
  const shownQuery = useRef(q);
  useEffect(() => {
    if (shownQuery.current !== q) {
      shownQuery.current = q;
      setQuery(q);
    }
  }, [q]);
  const list = usePagedList(
    (cursor) => api.products.listProducts({ q: q || undefined, limit: PAGE_SIZE, cursor }),
    [api, q],
  );

  const hasProducts = list.items.length > 0;
  useEffect(() => {
    if (hasProducts && performance.getEntriesByName(FIRST_PRODUCTS_MARK).length === 0) {
      performance.mark(FIRST_PRODUCTS_MARK);
    }
  }, [hasProducts]);

  return (
    <>
      <PageHeading>{q ? <>Products matching “{q}”</> : 'Catalog'}</PageHeading>
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(href.catalog(query.trim()));
        }}
      >
        <label for="search">Search products</label>
        <input
          id="search"
          type="search"
          maxLength={100}
          value={query}
          placeholder="Name, SKU or description"
          onInput={(event) => setQuery(withoutControlCharacters(event.currentTarget.value))}
        />
        <button type="submit">Search</button>
      </form>
      {list.loading ? (
        <Loading>Loading products…</Loading>
      ) : list.problem && !hasProducts ? (
        <ProblemAlert problem={list.problem} onRetry={list.reload} />
      ) : !hasProducts ? (
        <Empty>
          {q ? (
            <p>
              No products match “{q}”. <a href={href.catalog()}>Show all products</a>
            </p>
          ) : (
            <p>There are no products in the catalog yet.</p>
          )}
        </Empty>
      ) : (
        <>
          <p class="result-count" role="status">
            {list.items.length} {list.items.length === 1 ? 'product' : 'products'} shown
            {list.hasMore ? '; there are more' : ''}.
          </p>
          <ul class="product-grid">
            {list.items.map((product) => (
              <li key={product.productId}>
                <ProductCard product={product} />
              </li>
            ))}
          </ul>
        </>
      )}
      {list.problem && hasProducts && <ProblemAlert problem={list.problem} onRetry={list.loadMore} />}
      <LoadMore
        visible={list.hasMore && !list.loading}
        busy={list.loadingMore}
        onClick={list.loadMore}
        what="products"
      />
    </>
  );
}

function ProductCard({ product }: { product: products.Product }) {
  const { money } = useServices();
  const add = useAddToCart();
  return (
    <article class="product-card">
      <h2>
        <a href={href.product(product.productId)}>{product.name}</a>
      </h2>
      {product.description && <p class="product-card__description">{product.description}</p>}
      <p class="product-card__meta">
        <span class="price">{money(toCents(product.price))}</span>
        <span class={product.stockQuantity > 0 ? 'stock' : 'stock stock--out'}>{stockText(product.stockQuantity)}</span>
      </p>
      <button type="button" disabled={product.stockQuantity <= 0} onClick={() => add(product, 1)}>
        Add<span class="visually-hidden"> {product.name}</span> to cart
      </button>
    </article>
  );
}
