import { describe, expect, it } from 'vitest';
import {
  catalogSearch,
  EMPTY_QUERY,
  listProductsParams,
  normalizePrice,
  parseCatalogQuery,
  priceRangeErrors,
} from './catalogQuery';

const parse = (search: string) => parseCatalogQuery(new URLSearchParams(search));

describe('the catalog query in the address', () => {
  it('reads category, order and price range, and writes them back the same', () => {
    const query = parse('q=desk+lamp&category=desk-lamps&sort=price&min_price=10&max_price=50.50');
    expect(query).toEqual({ q: 'desk lamp', category: 'desk-lamps', sort: 'price', minPrice: '10', maxPrice: '50.50' });
    expect(parse(catalogSearch(query))).toEqual(query);
  });

  it('leaves the defaults out of the address: the whole catalog by name is "#/"', () => {
    expect(catalogSearch(EMPTY_QUERY)).toBe('');
    expect(catalogSearch({ ...EMPTY_QUERY, sort: 'name' })).toBe('');
    expect(catalogSearch({ ...EMPTY_QUERY, sort: '-price' })).toBe('sort=-price');
    expect(catalogSearch({ category: 'lighting', minPrice: '5' })).toBe('category=lighting&min_price=5');
  });

  it('drops what the contract would refuse instead of asking for an error', () => {
    expect(parse('sort=cheapest')).toEqual(EMPTY_QUERY);
    expect(parse('category=Desk%20Lamps')).toEqual(EMPTY_QUERY);
    expect(parse('category=lamps--desk')).toEqual(EMPTY_QUERY);
    expect(parse('min_price=abc&max_price=1.999')).toEqual(EMPTY_QUERY);
    expect(parse('min_price=-5')).toEqual(EMPTY_QUERY);
    expect(parse(`q=${'a'.repeat(101)}`)).toEqual(EMPTY_QUERY);
    expect(parse('q=bell%07')).toEqual(EMPTY_QUERY);
    // A range upside down keeps its lower end only: the API would refuse max_price.
    expect(parse('min_price=50&max_price=10')).toEqual({ ...EMPTY_QUERY, minPrice: '50' });
  });

  it('asks the API for exactly what the address says, nothing for the defaults', () => {
    expect(listProductsParams(EMPTY_QUERY)).toEqual({
      q: undefined,
      category: undefined,
      sort: undefined,
      minPrice: undefined,
      maxPrice: undefined,
    });
    expect(listProductsParams(parse('category=lighting&sort=newest&min_price=1&max_price=2'))).toEqual({
      q: undefined,
      category: 'lighting',
      sort: 'newest',
      minPrice: '1',
      maxPrice: '2',
    });
  });
});

describe('the price range a shopper types', () => {
  it('accepts amounts as the contract does, either end optional', () => {
    expect(priceRangeErrors('', '')).toEqual({});
    expect(priceRangeErrors('10', '')).toEqual({});
    expect(priceRangeErrors('', '99999999.99')).toEqual({});
    expect(priceRangeErrors('10.5', '10.50')).toEqual({});
    expect(normalizePrice(' 12,5 ')).toBe('12.5');
  });

  it('names the end that is wrong', () => {
    expect(Object.keys(priceRangeErrors('ten', '1.234'))).toEqual(['min_price', 'max_price']);
    expect(priceRangeErrors('123456789', '').min_price).toMatch(/like 25/);
    expect(priceRangeErrors('20', '19.99')).toEqual({ max_price: 'The highest price must not be below the lowest.' });
  });
});
