// The cart's rules, as pure functions over its lines: quantities stay between 1 and what is in
// stock (and the contract's 100 per item), a product appears once, and the cart holds at most the
// contract's 50 items. The server has the last word at checkout; these rules keep a shopper from
// building an order that cannot be placed.

export interface CartLine {
  productId: string;
  name: string;
  /** The price when last seen; the order is priced by the server. */
  unitPriceCents: number;
  quantity: number;
  /** Units in stock when last seen: the upper bound of quantity. */
  stock: number;
}

/** What the cart needs to know about a product. */
export interface ProductSnapshot {
  productId: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** OrderItemRequest.quantity maximum in orders.yaml. */
export const MAX_UNITS_PER_LINE = 100;
/** OrderCreate.items maxItems in orders.yaml. */
export const MAX_LINES = 50;

/** How many units of a product one order may ask for. */
export function maxQuantity(stock: number): number {
  return Math.max(0, Math.min(Math.floor(stock), MAX_UNITS_PER_LINE));
}

export type AddOutcome =
  | { kind: 'added'; inCart: number }
  /** Fewer than asked: the cart now holds the most it may. */
  | { kind: 'limited'; inCart: number; max: number }
  | { kind: 'out-of-stock' }
  | { kind: 'cart-full' };

export function addToCart(
  lines: readonly CartLine[],
  product: ProductSnapshot,
  quantity: number,
): { lines: CartLine[]; outcome: AddOutcome } {
  const max = maxQuantity(product.stock);
  if (max === 0) {
    return { lines: [...lines], outcome: { kind: 'out-of-stock' } };
  }
  const existing = lines.find((line) => line.productId === product.productId);
  if (!existing && lines.length >= MAX_LINES) {
    return { lines: [...lines], outcome: { kind: 'cart-full' } };
  }
  const wanted = (existing?.quantity ?? 0) + Math.max(1, Math.floor(quantity));
  const inCart = Math.min(wanted, max);
  const line: CartLine = {
    productId: product.productId,
    name: product.name,
    unitPriceCents: product.priceCents,
    stock: product.stock,
    quantity: inCart,
  };
  const next = existing ? lines.map((l) => (l === existing ? line : l)) : [...lines, line];
  return { lines: next, outcome: inCart < wanted ? { kind: 'limited', inCart, max } : { kind: 'added', inCart } };
}

/** Sets a line's quantity, kept between 1 and what may be ordered. */
export function setQuantity(lines: readonly CartLine[], productId: string, quantity: number): CartLine[] {
  return lines.map((line) => {
    if (line.productId !== productId || !Number.isFinite(quantity)) {
      return line;
    }
    const max = maxQuantity(line.stock);
    return { ...line, quantity: max === 0 ? line.quantity : Math.min(Math.max(1, Math.floor(quantity)), max) };
  });
}

export function removeFromCart(lines: readonly CartLine[], productId: string): CartLine[] {
  return lines.filter((line) => line.productId !== productId);
}

/**
 * The lines with what the catalog says now (null: the product is gone or no longer for sale):
 * names, prices and stock are updated and quantities lowered to what may still be ordered.
 */
export function refreshLines(
  lines: readonly CartLine[],
  latest: ReadonlyMap<string, ProductSnapshot | null>,
): CartLine[] {
  return lines.map((line) => {
    if (!latest.has(line.productId)) {
      return line;
    }
    const product = latest.get(line.productId);
    const fresh: CartLine = product
      ? { ...line, name: product.name, unitPriceCents: product.priceCents, stock: product.stock }
      : { ...line, stock: 0 };
    return lowerToStock(fresh);
  });
}

/** After a 409 at checkout: what the server says is left of each short product. */
export function applyShortages(
  lines: readonly CartLine[],
  shortages: ReadonlyArray<{ productId: string; available: number }>,
): CartLine[] {
  const available = new Map(shortages.map((s) => [s.productId, s.available]));
  return lines.map((line) =>
    available.has(line.productId) ? lowerToStock({ ...line, stock: available.get(line.productId) ?? 0 }) : line,
  );
}

function lowerToStock(line: CartLine): CartLine {
  const max = maxQuantity(line.stock);
  return max > 0 && line.quantity > max ? { ...line, quantity: max } : line;
}

/** Why a line cannot be ordered as it is, or null. */
export function lineProblem(line: CartLine): 'out-of-stock' | 'too-many' | null {
  const max = maxQuantity(line.stock);
  if (max === 0) {
    return 'out-of-stock';
  }
  return line.quantity > max ? 'too-many' : null;
}

export function canCheckOut(lines: readonly CartLine[]): boolean {
  return lines.length > 0 && lines.every((line) => line.quantity >= 1 && lineProblem(line) === null);
}

export function unitCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}
