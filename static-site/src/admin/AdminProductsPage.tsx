import { useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { withoutControlCharacters } from '../controlCharacters';
import { toCents } from '../money';
import { href } from '../router';
import { Empty, Loading, LoadMore, PageHeading, ProblemAlert } from '../ui/Feedback';
import { Select } from '../ui/Field';
import { usePagedList, useTitle } from '../ui/hooks';
import { AdminOnly } from './AdminOnly';

const PAGE_SIZE = 20;
const SHOWN = [
  { value: '', label: 'All products' },
  { value: 'true', label: 'For sale' },
  { value: 'false', label: 'Not for sale' },
];

export function AdminProductsPage() {
  useTitle('Products');
  return (
    <>
      <PageHeading>Products</PageHeading>
      <AdminOnly>
        <ProductTable />
      </AdminOnly>
    </>
  );
}

function ProductTable() {
  const { api, money } = useServices();
  const [active, setActive] = useState('');
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const list = usePagedList(
    (cursor) =>
      api.products.listProducts({
        q: q || undefined,
        active: active === '' ? undefined : active === 'true',
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, q, active],
  );

  return (
    <>
      <p class="actions">
        <a class="button" href={href.adminProduct(null)}>
          New product
        </a>
      </p>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(query.trim());
        }}
      >
        <div class="field">
          <label for="product-search">Search</label>
          <input
            id="product-search"
            type="search"
            maxLength={100}
            value={query}
            onInput={(event) => setQuery(withoutControlCharacters(event.currentTarget.value))}
          />
        </div>
        <Select name="active" label="Show" value={active} onValue={setActive} options={SHOWN} />
        <button type="submit">Search</button>
      </form>
      {list.loading ? (
        <Loading>Loading products…</Loading>
      ) : list.problem && list.items.length === 0 ? (
        <ProblemAlert problem={list.problem} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>
          <p>No products{q ? ` match “${q}”` : ''}.</p>
        </Empty>
      ) : (
        <table class="admin-table">
          <caption class="visually-hidden">Products; select a name to edit the product and its stock</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">SKU</th>
              <th scope="col" class="num">
                Price
              </th>
              <th scope="col" class="num">
                Stock
              </th>
              <th scope="col">For sale</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((product) => (
              <tr key={product.productId}>
                <th scope="row" data-label="Name">
                  <a href={href.adminProduct(product.productId)}>{product.name}</a>
                </th>
                <td data-label="SKU" class="mono">
                  {product.sku}
                </td>
                <td data-label="Price" class="num">
                  {money(toCents(product.price))}
                </td>
                <td data-label="Stock" class={`num${product.stockQuantity === 0 ? ' stock--out' : ''}`}>
                  {product.stockQuantity}
                </td>
                <td data-label="For sale">{product.isActive ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.problem && list.items.length > 0 && <ProblemAlert problem={list.problem} onRetry={list.loadMore} />}
      <LoadMore
        visible={list.hasMore && !list.loading}
        busy={list.loadingMore}
        onClick={list.loadMore}
        what="products"
      />
    </>
  );
}
