import type { products } from '@serverless-shop/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { useAddToCart } from '../cart/useAddToCart';
import {
  type CatalogQuery,
  type CatalogSort,
  isFiltered,
  listProductsParams,
  normalizePrice,
  priceRangeErrors,
  SORTS,
} from '../catalog/catalogQuery';
import { ProductImage } from '../catalog/ProductImage';
import { CARD_IMAGE_SIZES, EAGER_CARD_IMAGES, readyImages } from '../catalog/productImages';
import { useCategories } from '../catalog/useCategories';
import { withoutControlCharacters } from '../controlCharacters';
import { toCents } from '../money';
import { href, navigate } from '../router';
import { Empty, Loading, LoadMore, PageHeading, ProblemAlert } from '../ui/Feedback';
import { Select, TextField } from '../ui/Field';
import { usePagedList, useTitle } from '../ui/hooks';
import { stockText } from './stockText';

/** Small pages: the first products come quickly on a phone, and "Load more" fetches the rest. */
const PAGE_SIZE = 8;
/** A performance mark when the first products are on screen: scripts/budget.mjs reads it. */
export const FIRST_PRODUCTS_MARK = 'first-products-rendered';

/**
 * A form's own copy of a value the address holds: what the shopper types, until the address changes
 * (back, forward, a link), which it then follows. Not on the first render: the effect runs after
 * paint and would wipe what the shopper has started typing.
 */
function useFollowed<T>(value: T): [T, (next: T) => void] {
  const [own, setOwn] = useState(value);
  const shown = useRef(value);
  useEffect(() => {
    if (shown.current !== value) {
      shown.current = value;
      setOwn(value);
    }
  }, [value]);
  return [own, setOwn];
}

export function CatalogPage({ query }: { query: CatalogQuery }) {
  const { api } = useServices();
  const { q } = query;
  const [categories, reloadCategories] = useCategories();
  const category = categories.status === 'ready' ? categories.value.find((c) => c.slug === query.category) : undefined;
  const heading = category?.name ?? (query.category ? 'Category' : 'Catalog');
  useTitle(q ? `Search: ${q}` : heading);
  const [typed, setTyped] = useFollowed(q);
  const list = usePagedList(
    // The cursor belongs to this query: the next page keeps the category, the order and the prices.
    (cursor) => api.products.listProducts({ ...listProductsParams(query), limit: PAGE_SIZE, cursor }),
    [api, query],
  );

  const hasProducts = list.items.length > 0;
  useEffect(() => {
    if (hasProducts && performance.getEntriesByName(FIRST_PRODUCTS_MARK).length === 0) {
      performance.mark(FIRST_PRODUCTS_MARK);
    }
  }, [hasProducts]);

  const narrowed = q !== '' || isFiltered(query);
  return (
    <>
      <PageHeading>{q ? <>Products matching “{q}”</> : heading}</PageHeading>
      <CategoryNav query={query} categories={categories} onRetry={reloadCategories} />
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(href.catalog({ ...query, q: typed.trim() }));
        }}
      >
        <label for="search">Search products</label>
        <input
          id="search"
          type="search"
          maxLength={100}
          value={typed}
          placeholder="Name, SKU or description"
          onInput={(event) => setTyped(withoutControlCharacters(event.currentTarget.value))}
        />
        <button type="submit">Search</button>
      </form>
      <SortAndFilter query={query} />
      {list.loading ? (
        <Loading>Loading products…</Loading>
      ) : list.problem && !hasProducts ? (
        <ProblemAlert problem={list.problem} onRetry={list.reload} />
      ) : !hasProducts ? (
        <Empty>
          {query.category && categories.status === 'ready' && !category ? (
            <p>
              There is no category “{query.category}” (any more). <a href={href.catalog()}>Show all products</a>
            </p>
          ) : narrowed ? (
            <p>
              No products match {q ? <>“{q}”</> : 'these filters'}. <a href={href.catalog()}>Show all products</a>
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
            {list.items.map((product, index) => (
              <li key={product.productId}>
                <ProductCard product={product} lazyImage={index >= EAGER_CARD_IMAGES} />
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

/** Links to each category, keeping the search, the order and the prices. */
function CategoryNav({
  query,
  categories,
  onRetry,
}: {
  query: CatalogQuery;
  categories: ReturnType<typeof useCategories>[0];
  onRetry: () => void;
}) {
  if (categories.status === 'loading') {
    return null; // the products are what matters; the links come when they come
  }
  if (categories.status === 'failed') {
    return (
      <p class="category-nav__failed">
        The categories could not be loaded.{' '}
        <button type="button" class="link-button" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  }
  if (categories.value.length === 0) {
    return null;
  }
  const link = (slug: string, name: string) => (
    <li key={slug}>
      <a href={href.catalog({ ...query, category: slug })} aria-current={query.category === slug ? 'page' : undefined}>
        {name}
      </a>
    </li>
  );
  return (
    <nav class="category-nav" aria-label="Categories">
      <ul>
        {link('', 'All products')}
        {categories.value.map((category) => link(category.slug, category.name))}
      </ul>
    </nav>
  );
}

/** The order and the price range, applied together: the address changes only on "Apply". */
function SortAndFilter({ query }: { query: CatalogQuery }) {
  const { config } = useServices();
  const [sort, setSort] = useFollowed<CatalogSort>(query.sort);
  const [min, setMin] = useFollowed(query.minPrice);
  const [max, setMax] = useFollowed(query.maxPrice);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => setErrors({}), [query]);

  return (
    <form
      ref={form}
      class="catalog-filters"
      aria-label="Sort and filter"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const minPrice = normalizePrice(min);
        const maxPrice = normalizePrice(max);
        const invalid = priceRangeErrors(minPrice, maxPrice);
        setErrors(invalid);
        if (Object.keys(invalid).length > 0) {
          requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
          return;
        }
        navigate(href.catalog({ ...query, sort, minPrice, maxPrice }));
      }}
    >
      <Select
        name="sort"
        label="Sort by"
        value={sort}
        onValue={(value) => setSort(value as CatalogSort)}
        options={SORTS}
      />
      <TextField
        name="min_price"
        label={`Lowest price (${config.currency})`}
        value={min}
        onValue={setMin}
        error={errors.min_price}
        inputMode="decimal"
        maxLength={11}
        autoComplete="off"
      />
      <TextField
        name="max_price"
        label={`Highest price (${config.currency})`}
        value={max}
        onValue={setMax}
        error={errors.max_price}
        inputMode="decimal"
        maxLength={11}
        autoComplete="off"
      />
      <p class="catalog-filters__actions">
        <button type="submit">Apply</button>
        {(query.minPrice || query.maxPrice) && (
          <a href={href.catalog({ ...query, minPrice: '', maxPrice: '' })}>Any price</a>
        )}
      </p>
    </form>
  );
}

function ProductCard({ product, lazyImage }: { product: products.Product; lazyImage: boolean }) {
  const { money } = useServices();
  const add = useAddToCart();
  const [image] = readyImages(product);
  return (
    <article class="product-card">
      {image && (
        <ProductImage
          class="product-card__image"
          image={image}
          sizes={CARD_IMAGE_SIZES}
          fallbackWidth={400}
          lazy={lazyImage}
        />
      )}
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
