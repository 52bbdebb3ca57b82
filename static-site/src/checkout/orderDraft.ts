// The order a checkout would place, in the generated client's shape, built from the cart and the
// shipping address form.
import type { orders } from '@serverless-shop/api-client';
import type { CartLine } from '../cart/cart';
import type { AddressForm } from './address';
import { normalizeAddress } from './address';

export function orderDraft(lines: readonly CartLine[], address: AddressForm): orders.OrderCreate {
  const normalized = normalizeAddress(address);
  return {
    items: lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    shippingAddress: {
      street: normalized.street,
      city: normalized.city,
      zipCode: normalized.zipCode,
      country: normalized.country,
    },
  };
}
