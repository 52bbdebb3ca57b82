import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY } from './catalog/catalogQuery';
import { href, parseRoute } from './router';

describe('routes', () => {
  it('reads every page from the fragment', () => {
    expect(parseRoute('')).toEqual({ page: 'catalog', query: EMPTY_QUERY });
    expect(parseRoute('#/?q=desk%20lamp')).toEqual({ page: 'catalog', query: { ...EMPTY_QUERY, q: 'desk lamp' } });
    expect(parseRoute('#/?category=lighting&sort=-price&min_price=10&max_price=50.5')).toEqual({
      page: 'catalog',
      query: { q: '', category: 'lighting', sort: '-price', minPrice: '10', maxPrice: '50.5' },
    });
    expect(parseRoute('#/products/p-1')).toEqual({ page: 'product', id: 'p-1' });
    expect(parseRoute('#/cart')).toEqual({ page: 'cart' });
    expect(parseRoute('#/checkout')).toEqual({ page: 'checkout' });
    expect(parseRoute('#/orders')).toEqual({ page: 'orders' });
    expect(parseRoute('#/orders/o-1?placed')).toEqual({ page: 'order', id: 'o-1', placed: true });
    expect(parseRoute('#/admin/products')).toEqual({ page: 'admin-products' });
    expect(parseRoute('#/admin/products/new')).toEqual({ page: 'admin-product', id: null });
    expect(parseRoute('#/admin/products/p-1')).toEqual({ page: 'admin-product', id: 'p-1' });
    expect(parseRoute('#/admin/categories')).toEqual({ page: 'admin-categories' });
    expect(parseRoute('#/admin/orders?customer=alice&status=PENDING')).toEqual({
      page: 'admin-orders',
      customer: 'alice',
      status: 'PENDING',
    });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/products/a/b')).toEqual({ page: 'not-found' });
  });

  it('writes links that read back as the same page', () => {
    for (const link of [
      href.catalog('a b&c'),
      href.product('x/y'),
      href.order('o-1', true),
      href.adminProduct(null),
      href.adminCategories(),
      href.adminOrders('bob@example.com', 'SHIPPED'),
    ]) {
      expect(parseRoute(link).page).not.toBe('not-found');
    }
    expect(parseRoute(href.catalog('a b&c'))).toEqual({ page: 'catalog', query: { ...EMPTY_QUERY, q: 'a b&c' } });
    const browsing = { q: 'lamp', category: 'desk-lamps', sort: 'newest', minPrice: '5', maxPrice: '9.99' } as const;
    expect(parseRoute(href.catalog(browsing))).toEqual({ page: 'catalog', query: browsing });
    expect(parseRoute(href.product('x/y'))).toEqual({ page: 'product', id: 'x/y' });
    expect(href.catalog()).toBe('#/');
  });
});
