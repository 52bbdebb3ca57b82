import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router';

describe('routes', () => {
  it('reads every page from the fragment', () => {
    expect(parseRoute('')).toEqual({ page: 'catalog', q: '' });
    expect(parseRoute('#/?q=desk%20lamp')).toEqual({ page: 'catalog', q: 'desk lamp' });
    expect(parseRoute('#/products/p-1')).toEqual({ page: 'product', id: 'p-1' });
    expect(parseRoute('#/cart')).toEqual({ page: 'cart' });
    expect(parseRoute('#/checkout')).toEqual({ page: 'checkout' });
    expect(parseRoute('#/orders')).toEqual({ page: 'orders' });
    expect(parseRoute('#/orders/o-1?placed')).toEqual({ page: 'order', id: 'o-1', placed: true });
    expect(parseRoute('#/admin/products')).toEqual({ page: 'admin-products' });
    expect(parseRoute('#/admin/products/new')).toEqual({ page: 'admin-product', id: null });
    expect(parseRoute('#/admin/products/p-1')).toEqual({ page: 'admin-product', id: 'p-1' });
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
      href.adminOrders('bob@example.com', 'SHIPPED'),
    ]) {
      expect(parseRoute(link).page).not.toBe('not-found');
    }
    expect(parseRoute(href.catalog('a b&c'))).toEqual({ page: 'catalog', q: 'a b&c' });
    expect(parseRoute(href.product('x/y'))).toEqual({ page: 'product', id: 'x/y' });
    expect(href.catalog()).toBe('#/');
  });
});
