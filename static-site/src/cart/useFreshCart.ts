// The cart as the catalog has it now: on opening the cart or the checkout, each product is read
// again, so prices, names and stock (the bound of each quantity) are current.
import { isApiProblem } from '@serverless-shop/api-client';
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { type ProductSnapshot, refreshLines } from './cart';
import { snapshotOf } from './useAddToCart';

/** @return true while the products are being read */
export function useFreshCart(): boolean {
  const { api, cart } = useServices();
  const [checking, setChecking] = useState(cart.get().length > 0);
  useEffect(() => {
    const ids = cart.get().map((line) => line.productId);
    if (ids.length === 0) {
      setChecking(false);
      return;
    }
    let current = true;
    Promise.all(
      ids.map(async (productId): Promise<[string, ProductSnapshot | null] | null> => {
        try {
          return [productId, snapshotOf(await api.products.getProduct({ productId }))];
        } catch (error) {
          // 404: gone or not for sale any more. Anything else (offline): keep what the cart knew.
          return isApiProblem(error) && error.status === 404 ? [productId, null] : null;
        }
      }),
    )
      .then((answers) => {
        if (current) {
          const latest = new Map(answers.filter((a): a is [string, ProductSnapshot | null] => a !== null));
          cart.update((lines) => refreshLines(lines, latest));
        }
      })
      .finally(() => current && setChecking(false));
    return () => {
      current = false;
    };
  }, [api, cart]);
  return checking;
}
