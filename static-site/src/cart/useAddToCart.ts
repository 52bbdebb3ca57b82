// Adding a product to the cart from any page, with a notice that says what happened.
import type { products } from '@serverless-shop/api-client';
import { useServices } from '../app/services';
import { toCents } from '../money';
import { type AddOutcome, addToCart, type ProductSnapshot } from './cart';

export function snapshotOf(product: products.Product): ProductSnapshot {
  return {
    productId: product.productId,
    name: product.name,
    priceCents: toCents(product.price),
    stock: product.stockQuantity,
  };
}

export function addedMessage(outcome: AddOutcome, name: string, asked: number): string {
  switch (outcome.kind) {
    case 'added':
      return `Added ${asked} × ${name} to your cart (${outcome.inCart} in the cart).`;
    case 'limited':
      return `Only ${outcome.max} × ${name} can be ordered: your cart now has ${outcome.inCart}.`;
    case 'out-of-stock':
      return `${name} is out of stock.`;
    case 'cart-full':
      return 'Your cart holds as many different products as one order can. Check out or remove one first.';
  }
}

export function useAddToCart(): (product: products.Product, quantity: number) => void {
  const { cart, notice } = useServices();
  return (product, quantity) => {
    const { lines, outcome } = addToCart(cart.get(), snapshotOf(product), quantity);
    cart.set(lines);
    notice.set(addedMessage(outcome, product.name, quantity));
  };
}
