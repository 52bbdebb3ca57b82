// The cart every page sees: loaded from localStorage, saved on every change, and kept in step with
// other tabs through the storage event.
import { createStore, type Store } from '../store';
import type { CartLine } from './cart';
import { CART_STORAGE_KEY, loadCart, saveCart } from './cartStorage';

export type CartStore = Store<CartLine[]>;

export function createCartStore(storage: Storage, window?: Pick<Window, 'addEventListener'>): CartStore {
  const store = createStore<CartLine[]>(loadCart(storage));
  let fromOtherTab = false;
  store.subscribe((lines) => {
    if (!fromOtherTab) {
      saveCart(storage, lines);
    }
  });
  window?.addEventListener('storage', (event) => {
    if (event.key === CART_STORAGE_KEY || event.key === null) {
      fromOtherTab = true;
      try {
        store.set(loadCart(storage));
      } finally {
        fromOtherTab = false;
      }
    }
  });
  return store;
}
