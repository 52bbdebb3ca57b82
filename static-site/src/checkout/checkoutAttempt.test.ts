import type { orders } from '@serverless-shop/api-client';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { CheckoutAttempts } from './checkoutAttempt';

const address = { street: '1 Main St', city: 'Town', zipCode: '12345', country: 'US' };
const order = (items: Array<[string, number]>, shippingAddress = address): orders.OrderCreate => ({
  items: items.map(([productId, quantity]) => ({ productId, quantity })),
  shippingAddress,
});

function attempts(storage = memoryStorage()) {
  let n = 0;
  return { storage, attempts: new CheckoutAttempts(storage, () => `key-${++n}`) };
}

describe('the Idempotency-Key of a checkout attempt', () => {
  it('is the same for every submit of the same order: double clicks and retries', () => {
    const { attempts: a } = attempts();
    const first = a.keyFor(order([['lamp', 2]]));
    expect(a.keyFor(order([['lamp', 2]]))).toBe(first);
    expect(a.keyFor(order([['lamp', 2]]))).toBe(first);
  });

  it('survives a reload (another instance on the same storage)', () => {
    const { storage, attempts: a } = attempts();
    const first = a.keyFor(
      order([
        ['lamp', 2],
        ['mug', 1],
      ]),
    );
    expect(
      new CheckoutAttempts(storage, () => 'other').keyFor(
        order([
          ['mug', 1],
          ['lamp', 2],
        ]),
      ),
    ).toBe(first);
  });

  it('changes when the cart changes, and stays with the new cart', () => {
    const { attempts: a } = attempts();
    const first = a.keyFor(order([['lamp', 2]]));
    const changed = a.keyFor(order([['lamp', 3]]));
    expect(changed).not.toBe(first);
    expect(a.keyFor(order([['lamp', 3]]))).toBe(changed);
    expect(
      a.keyFor(
        order([
          ['lamp', 3],
          ['mug', 1],
        ]),
      ),
    ).not.toBe(changed);
  });

  it('changes when the address changes (the server refuses a known key with another body)', () => {
    const { attempts: a } = attempts();
    const first = a.keyFor(order([['lamp', 2]]));
    expect(a.keyFor(order([['lamp', 2]], { ...address, zipCode: '54321' }))).not.toBe(first);
  });

  it('is new after the order was placed, even for the same cart', () => {
    const { attempts: a } = attempts();
    const first = a.keyFor(order([['lamp', 2]]));
    a.succeeded();
    expect(a.keyFor(order([['lamp', 2]]))).not.toBe(first);
  });

  it('starts afresh when what is stored is unreadable', () => {
    const { storage, attempts: a } = attempts();
    storage.setItem('serverless-shop.checkout-attempt.v1', '{broken');
    expect(a.keyFor(order([['lamp', 2]]))).toBe('key-1');
  });

  it('is a UUID by default', () => {
    expect(new CheckoutAttempts(memoryStorage()).keyFor(order([['lamp', 1]]))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
