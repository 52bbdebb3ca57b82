// One Idempotency-Key per checkout attempt. An attempt is one particular order: these items, these
// quantities, this address. Its key is kept (in localStorage, so a reload or a second tab is the
// same attempt) until the order is placed, so a double click, a retry after a timeout or a retry
// after a lost answer all reach the server with the same key and make one order. When the order
// would change - the cart or the address - it is another attempt with a new key: the server answers
// 422 to a known key with another body, so an old key cannot be reused for a different order.
import type { orders } from '@serverless-shop/api-client';

export const ATTEMPT_STORAGE_KEY = 'serverless-shop.checkout-attempt.v1';

interface StoredAttempt {
  key: string;
  fingerprint: string;
}

export class CheckoutAttempts {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  /** The key for placing this order: the current attempt's while the order is the same, else a new one. */
  keyFor(order: orders.OrderCreate): string {
    const fingerprint = orderFingerprint(order);
    const stored = this.stored();
    if (stored && stored.fingerprint === fingerprint) {
      return stored.key;
    }
    const attempt: StoredAttempt = { key: this.newKey(), fingerprint };
    this.storage.setItem(ATTEMPT_STORAGE_KEY, JSON.stringify(attempt));
    return attempt.key;
  }

  /** The order was placed (201, first time or replayed): the next checkout is a new attempt. */
  succeeded(): void {
    this.storage.removeItem(ATTEMPT_STORAGE_KEY);
  }

  private stored(): StoredAttempt | null {
    try {
      const value = JSON.parse(this.storage.getItem(ATTEMPT_STORAGE_KEY) ?? 'null') as Partial<StoredAttempt> | null;
      return value && typeof value.key === 'string' && typeof value.fingerprint === 'string'
        ? { key: value.key, fingerprint: value.fingerprint }
        : null;
    } catch {
      return null;
    }
  }
}

/** The order's content, independent of the order its items were added in. */
export function orderFingerprint(order: orders.OrderCreate): string {
  const items = [...order.items]
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map((item) => [item.productId, item.quantity]);
  const a = order.shippingAddress;
  return JSON.stringify([items, [a.street, a.city, a.zipCode, a.country]]);
}
