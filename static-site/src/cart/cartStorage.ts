// The cart kept in localStorage, so it survives reloads and a trip to the sign-in page, and is the
// same in every tab. What is read back is checked line by line: storage is user-editable and may
// hold a cart written by an older version of the site.
import type { CartLine } from './cart';
import { MAX_LINES } from './cart';

export const CART_STORAGE_KEY = 'serverless-shop.cart.v1';

export function loadCart(storage: Pick<Storage, 'getItem'>): CartLine[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(CART_STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) {
    return [];
  }
  const seen = new Set<string>();
  const lines: CartLine[] = [];
  for (const candidate of parsed) {
    if (isCartLine(candidate) && !seen.has(candidate.productId) && lines.length < MAX_LINES) {
      seen.add(candidate.productId);
      lines.push({
        productId: candidate.productId,
        name: candidate.name,
        unitPriceCents: candidate.unitPriceCents,
        quantity: candidate.quantity,
        stock: candidate.stock,
      });
    }
  }
  return lines;
}

export function saveCart(storage: Pick<Storage, 'setItem' | 'removeItem'>, lines: readonly CartLine[]): void {
  if (lines.length === 0) {
    storage.removeItem(CART_STORAGE_KEY);
  } else {
    storage.setItem(CART_STORAGE_KEY, JSON.stringify(lines));
  }
}

function isCartLine(value: unknown): value is CartLine {
  const line = value as Partial<CartLine> | null;
  return (
    !!line &&
    typeof line === 'object' &&
    typeof line.productId === 'string' &&
    line.productId.length > 0 &&
    typeof line.name === 'string' &&
    Number.isSafeInteger(line.unitPriceCents) &&
    (line.unitPriceCents as number) >= 0 &&
    Number.isSafeInteger(line.quantity) &&
    (line.quantity as number) >= 1 &&
    Number.isSafeInteger(line.stock) &&
    (line.stock as number) >= 0
  );
}
