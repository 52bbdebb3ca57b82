// The address being typed, kept for the tab: after a reload (say, the answer to "Place order" never
// came) the same address is there again, so the retry is the same checkout attempt with the same key.
import type { AddressForm } from './address';

const KEY = 'serverless-shop.address.v1';
export const EMPTY_ADDRESS: AddressForm = { street: '', city: '', zipCode: '', country: '' };

export function loadAddressDraft(storage: Pick<Storage, 'getItem'>): AddressForm {
  try {
    const stored = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<AddressForm> | null;
    if (!stored || typeof stored !== 'object') {
      return EMPTY_ADDRESS;
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      street: text(stored.street),
      city: text(stored.city),
      zipCode: text(stored.zipCode),
      country: text(stored.country),
    };
  } catch {
    return EMPTY_ADDRESS;
  }
}

export function saveAddressDraft(storage: Pick<Storage, 'setItem'>, address: AddressForm): void {
  storage.setItem(KEY, JSON.stringify(address));
}
