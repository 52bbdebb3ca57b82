import { type CartLine, lineProblem, maxQuantity } from './cart';

/** Why a cart line cannot be ordered as it is, for the shopper; '' when it can. */
export function lineMessage(line: CartLine): string {
  switch (lineProblem(line)) {
    case 'out-of-stock':
      return 'Out of stock: remove it to check out.';
    case 'too-many':
      return `Only ${maxQuantity(line.stock)} can be ordered.`;
    default:
      return '';
  }
}
