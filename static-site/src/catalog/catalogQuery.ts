// What the catalog shows - search words, category, order, price range - lives in the address
// (#/?category=lighting&sort=-price&min_price=10), so that back, forward, reload and a shared link all
// show the same list. Values the contract would refuse never reach the API: a hand-edited address
// with sort=cheap or min_price=abc shows the catalog without them instead of an error.
import type { products } from '@serverless-shop/api-client';
import { CONTROL_CHARACTER } from '../controlCharacters';

export type CatalogSort = `${products.ListProductsSortEnum}`;

export interface CatalogQuery {
  q: string;
  /** A category's slug, or '' for every category. */
  category: string;
  sort: CatalogSort;
  /** Decimals as the contract takes them ("10", "10.5"), or ''. */
  minPrice: string;
  maxPrice: string;
}

export const DEFAULT_SORT: CatalogSort = 'name';

export const SORTS: ReadonlyArray<{ value: CatalogSort; label: string }> = [
  { value: 'name', label: 'Name (A to Z)' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
  { value: 'newest', label: 'Newest first' },
];

export const EMPTY_QUERY: CatalogQuery = { q: '', category: '', sort: DEFAULT_SORT, minPrice: '', maxPrice: '' };

/** products.yaml's CategorySlug. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** products.yaml's min_price and max_price. */
const PRICE = /^[0-9]{1,8}(\.[0-9]{1,2})?$/;

const isSort = (value: string): value is CatalogSort => SORTS.some((sort) => sort.value === value);

/** The query an address's parameters name; anything the contract would refuse is left out. */
export function parseCatalogQuery(params: URLSearchParams): CatalogQuery {
  const q = (params.get('q') ?? '').trim();
  const category = params.get('category') ?? '';
  const sort = params.get('sort') ?? '';
  const minPrice = params.get('min_price') ?? '';
  const maxPrice = params.get('max_price') ?? '';
  const range = priceRangeErrors(minPrice, maxPrice);
  return {
    q: q.length <= 100 && !CONTROL_CHARACTER.test(q) ? q : '',
    category: category.length <= 64 && SLUG.test(category) ? category : '',
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    minPrice: range.min_price || !PRICE.test(minPrice) ? '' : minPrice,
    maxPrice: range.max_price || !PRICE.test(maxPrice) ? '' : maxPrice,
  };
}

/** The address's parameters of a query, the defaults left out: "" for the whole catalog by name. */
export function catalogSearch(query: Partial<CatalogQuery>): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string | undefined) => value && params.set(name, value);
  put('q', query.q);
  put('category', query.category);
  put('sort', query.sort === DEFAULT_SORT ? '' : query.sort);
  put('min_price', query.minPrice);
  put('max_price', query.maxPrice);
  return params.toString();
}

/** The listProducts parameters of a query (the page's limit and cursor are the caller's). */
export function listProductsParams(query: CatalogQuery): products.ListProductsRequest {
  return {
    q: query.q || undefined,
    category: query.category || undefined,
    sort: query.sort === DEFAULT_SORT ? undefined : (query.sort as products.ListProductsSortEnum),
    minPrice: query.minPrice || undefined,
    maxPrice: query.maxPrice || undefined,
  };
}

/** Whether the list is narrowed by anything but the search words. */
export const isFiltered = (query: CatalogQuery) =>
  query.category !== '' || query.minPrice !== '' || query.maxPrice !== '';

/** A typed price as the contract takes it ("12,5 " -> "12.5"); '' stays ''. */
export const normalizePrice = (typed: string) => typed.trim().replace(',', '.');

/**
 * What is wrong with a typed price range, keyed by the parameter's name (min_price, max_price), as
 * the API would say it; empty when it may be sent. Both are optional.
 */
export function priceRangeErrors(min: string, max: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const check = (name: string, value: string) => {
    if (value !== '' && !PRICE.test(value)) {
      errors[name] = 'Enter an amount like 25 or 25.50.';
    }
  };
  check('min_price', min);
  check('max_price', max);
  if (!errors.min_price && !errors.max_price && min !== '' && max !== '' && Number(max) < Number(min)) {
    errors.max_price = 'The highest price must not be below the lowest.';
  }
  return errors;
}
