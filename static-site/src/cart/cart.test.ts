import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import {
  addToCart,
  applyShortages,
  canCheckOut,
  type CartLine,
  lineProblem,
  MAX_LINES,
  maxQuantity,
  type ProductSnapshot,
  refreshLines,
  removeFromCart,
  setQuantity,
  unitCount,
} from './cart';
import { CART_STORAGE_KEY, loadCart, saveCart } from './cartStorage';
import { createCartStore } from './cartStore';

const lamp: ProductSnapshot = { productId: 'lamp', name: 'Desk lamp', priceCents: 3990, stock: 3 };
const mug: ProductSnapshot = { productId: 'mug', name: 'Mug', priceCents: 1250, stock: 500 };

function cartWith(...adds: Array<[ProductSnapshot, number]>): CartLine[] {
  return adds.reduce<CartLine[]>((lines, [product, quantity]) => addToCart(lines, product, quantity).lines, []);
}

describe('adding to the cart', () => {
  it('adds a product once and sums its quantities', () => {
    const lines = cartWith([lamp, 1], [lamp, 1]);
    expect(lines).toEqual([{ productId: 'lamp', name: 'Desk lamp', unitPriceCents: 3990, quantity: 2, stock: 3 }]);
  });

  it('never goes above the stock, and says so', () => {
    const first = addToCart([], lamp, 2);
    expect(first.outcome).toEqual({ kind: 'added', inCart: 2 });
    const second = addToCart(first.lines, lamp, 5);
    expect(second.outcome).toEqual({ kind: 'limited', inCart: 3, max: 3 });
    expect(second.lines[0].quantity).toBe(3);
  });

  it("never goes above the contract's 100 units per item, whatever the stock", () => {
    expect(maxQuantity(500)).toBe(100);
    expect(addToCart([], mug, 250).outcome).toEqual({ kind: 'limited', inCart: 100, max: 100 });
  });

  it('refuses a product out of stock', () => {
    const result = addToCart([], { ...lamp, stock: 0 }, 1);
    expect(result.outcome).toEqual({ kind: 'out-of-stock' });
    expect(result.lines).toEqual([]);
  });

  it("refuses a 51st product (the contract's 50 items per order)", () => {
    const full = Array.from({ length: MAX_LINES }, (_, i) => addToCart([], { ...mug, productId: `p${i}` }, 1).lines[0]);
    expect(addToCart(full, lamp, 1).outcome).toEqual({ kind: 'cart-full' });
    expect(addToCart(full, { ...mug, productId: 'p0' }, 1).outcome.kind).toBe('added');
  });
});

describe('changing quantities', () => {
  it('keeps a quantity between 1 and the stock', () => {
    const lines = cartWith([lamp, 1]);
    expect(setQuantity(lines, 'lamp', 7)[0].quantity).toBe(3);
    expect(setQuantity(lines, 'lamp', 0)[0].quantity).toBe(1);
    expect(setQuantity(lines, 'lamp', -4)[0].quantity).toBe(1);
    expect(setQuantity(lines, 'lamp', 2.7)[0].quantity).toBe(2);
    expect(setQuantity(lines, 'lamp', Number.NaN)[0].quantity).toBe(1);
  });

  it('removes a line', () => {
    expect(removeFromCart(cartWith([lamp, 1], [mug, 2]), 'lamp').map((l) => l.productId)).toEqual(['mug']);
  });

  it('counts units', () => {
    expect(unitCount(cartWith([lamp, 2], [mug, 3]))).toBe(5);
  });
});

describe('what the catalog says now', () => {
  it('lowers a quantity when the stock went down and updates price and name', () => {
    const lines = cartWith([lamp, 3]);
    const refreshed = refreshLines(lines, new Map([['lamp', { ...lamp, name: 'Lamp', priceCents: 3490, stock: 2 }]]));
    expect(refreshed[0]).toMatchObject({ name: 'Lamp', unitPriceCents: 3490, stock: 2, quantity: 2 });
    expect(canCheckOut(refreshed)).toBe(true);
  });

  it('marks a product that is gone as out of stock and blocks the checkout until it is removed', () => {
    const lines = cartWith([lamp, 1], [mug, 1]);
    const refreshed = refreshLines(lines, new Map([['lamp', null]]));
    expect(lineProblem(refreshed[0])).toBe('out-of-stock');
    expect(refreshed[1]).toEqual(lines[1]);
    expect(canCheckOut(refreshed)).toBe(false);
    expect(canCheckOut(removeFromCart(refreshed, 'lamp'))).toBe(true);
  });

  it("takes a checkout's shortages as the new stock", () => {
    const lines = cartWith([lamp, 3], [mug, 2]);
    const short = applyShortages(lines, [{ productId: 'lamp', available: 1 }]);
    expect(short.map((l) => [l.productId, l.quantity, l.stock])).toEqual([
      ['lamp', 1, 1],
      ['mug', 2, 500],
    ]);
  });

  it('cannot check out an empty cart', () => {
    expect(canCheckOut([])).toBe(false);
  });
});

describe('keeping the cart in localStorage', () => {
  it('reads back what it saved, and forgets an empty cart', () => {
    const storage = memoryStorage();
    const lines = cartWith([lamp, 2], [mug, 1]);
    saveCart(storage, lines);
    expect(loadCart(storage)).toEqual(lines);
    saveCart(storage, []);
    expect(storage.getItem(CART_STORAGE_KEY)).toBeNull();
  });

  it('drops what is not a valid line instead of failing', () => {
    const good = cartWith([lamp, 1])[0];
    const storage = memoryStorage({
      [CART_STORAGE_KEY]: JSON.stringify([
        good,
        { ...good },
        { productId: 'x', quantity: 0 },
        'junk',
        { ...good, productId: 'cheap', unitPriceCents: 1.5 },
      ]),
    });
    expect(loadCart(storage)).toEqual([good]);
    expect(loadCart(memoryStorage({ [CART_STORAGE_KEY]: '{not json' }))).toEqual([]);
    expect(loadCart(memoryStorage({ [CART_STORAGE_KEY]: '{"a":1}' }))).toEqual([]);
  });

  it('saves every change and follows changes made in another tab', () => {
    const storage = memoryStorage();
    let onStorage: ((event: StorageEvent) => void) | undefined;
    const window = {
      addEventListener: (_: string, listener: (event: StorageEvent) => void) => {
        onStorage = listener;
      },
    };
    const cart = createCartStore(storage, window as unknown as Pick<Window, 'addEventListener'>);

    cart.set(cartWith([lamp, 1]));
    expect(loadCart(storage)).toEqual(cart.get());

    saveCart(storage, cartWith([mug, 4])); // what another tab does
    onStorage?.({ key: CART_STORAGE_KEY } as StorageEvent);
    expect(cart.get().map((l) => [l.productId, l.quantity])).toEqual([['mug', 4]]);
  });
});
