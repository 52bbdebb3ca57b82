// Pages are addressed by the URL's fragment (#/products/ID): a static host (S3, the local gateway)
// serves index.html for "/" only, and the fragment never reaches it. The query string stays free for
// the issuer's answer to a sign-in (?code=...&state=...).
import { type CatalogQuery, catalogSearch, parseCatalogQuery } from './catalog/catalogQuery';

export type Route =
  | { page: 'catalog'; query: CatalogQuery }
  | { page: 'product'; id: string }
  | { page: 'cart' }
  | { page: 'checkout' }
  | { page: 'orders' }
  | { page: 'order'; id: string; placed: boolean }
  | { page: 'admin-products' }
  /** id null: a new product. */
  | { page: 'admin-product'; id: string | null }
  | { page: 'admin-orders'; customer: string; status: string }
  | { page: 'admin-categories' }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  const [first, second, third] = parts;
  switch (parts.length === 0 ? '' : first) {
    case '':
      return { page: 'catalog', query: parseCatalogQuery(params) };
    case 'products':
      return second && !third ? { page: 'product', id: second } : { page: 'not-found' };
    case 'cart':
      return parts.length === 1 ? { page: 'cart' } : { page: 'not-found' };
    case 'checkout':
      return parts.length === 1 ? { page: 'checkout' } : { page: 'not-found' };
    case 'orders':
      if (!second) {
        return { page: 'orders' };
      }
      return third ? { page: 'not-found' } : { page: 'order', id: second, placed: params.has('placed') };
    case 'admin':
      if (second === 'products') {
        return !third ? { page: 'admin-products' } : { page: 'admin-product', id: third === 'new' ? null : third };
      }
      if (second === 'categories' && !third) {
        return { page: 'admin-categories' };
      }
      if (second === 'orders' && !third) {
        return { page: 'admin-orders', customer: params.get('customer') ?? '', status: params.get('status') ?? '' };
      }
      return { page: 'not-found' };
    default:
      return { page: 'not-found' };
  }
}

const withQuery = (path: string, params: Record<string, string>) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return query ? `${path}?${query}` : path;
};
const segment = encodeURIComponent;

/** Links to every page. */
export const href = {
  /** The catalog: its search words, or the whole query (category, order, price range). */
  catalog: (query: string | Partial<CatalogQuery> = '') => {
    const search = catalogSearch(typeof query === 'string' ? { q: query } : query);
    return search ? `#/?${search}` : '#/';
  },
  product: (id: string) => `#/products/${segment(id)}`,
  cart: () => '#/cart',
  checkout: () => '#/checkout',
  orders: () => '#/orders',
  order: (id: string, placed = false) => `#/orders/${segment(id)}${placed ? '?placed' : ''}`,
  adminProducts: () => '#/admin/products',
  adminProduct: (id: string | null) => `#/admin/products/${id === null ? 'new' : segment(id)}`,
  adminCategories: () => '#/admin/categories',
  adminOrders: (customer = '', status = '') => withQuery('#/admin/orders', { customer, status }),
};

export function navigate(hash: string): void {
  window.location.hash = hash;
}
