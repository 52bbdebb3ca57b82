// The shipping address form's rules, mirroring orders.yaml's Address schema so that a shopper hears
// about a mistake before the request, next to the field, in words rather than a regex. The server
// checks again; its messages land in the same places (the keys are the contract's JSON paths).
import { CONTROL_CHARACTER } from '../controlCharacters';

export interface AddressForm {
  street: string;
  city: string;
  zipCode: string;
  country: string;
}

export const ADDRESS_FIELDS = {
  street: 'shipping_address.street',
  city: 'shipping_address.city',
  zipCode: 'shipping_address.zip_code',
  country: 'shipping_address.country',
} as const satisfies Record<keyof AddressForm, string>;

const ZIP_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

/** What is sent: surrounding spaces dropped, the country code in capitals. */
export function normalizeAddress(address: AddressForm): AddressForm {
  return {
    street: address.street.trim(),
    city: address.city.trim(),
    zipCode: address.zipCode.trim(),
    country: address.country.trim().toUpperCase(),
  };
}

/** Messages by JSON path for every field that breaks the contract; empty when the address is fine. */
export function validateAddress(address: AddressForm): Record<string, string> {
  const a = normalizeAddress(address);
  const errors: Record<string, string> = {};
  const text = (value: string, field: string, label: string, max: number) => {
    if (value === '') {
      errors[field] = `Enter the ${label}.`;
    } else if (value.length > max) {
      errors[field] = `The ${label} can be at most ${max} characters long.`;
    } else if (CONTROL_CHARACTER.test(value)) {
      errors[field] = `The ${label} cannot contain line breaks or tabs.`;
    }
  };
  text(a.street, ADDRESS_FIELDS.street, 'street and house number', 200);
  text(a.city, ADDRESS_FIELDS.city, 'city', 100);
  if (a.zipCode === '') {
    errors[ADDRESS_FIELDS.zipCode] = 'Enter the ZIP or postal code.';
  } else if (a.zipCode.length > 16 || !ZIP_CODE.test(a.zipCode)) {
    errors[ADDRESS_FIELDS.zipCode] =
      'Use at most 16 letters, digits, spaces or hyphens, starting with a letter or digit.';
  }
  if (a.country === '') {
    errors[ADDRESS_FIELDS.country] = 'Enter the two-letter country code, e.g. US or DE.';
  } else if (!COUNTRY_CODE.test(a.country) || countryName(a.country) === undefined) {
    errors[ADDRESS_FIELDS.country] = 'Use a two-letter ISO 3166 country code, e.g. US or DE.';
  }
  return errors;
}

/** ISO 3166 codes that name no country: user-assigned ones and the reserved EU, EZ and UN. */
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN)$/;
const regionNames = new Map<string, Intl.DisplayNames>();

/** The country's name for an ISO 3166-1 alpha-2 country code, else undefined (the browser knows the list). */
export function countryName(code: string, locale?: string): string | undefined {
  if (!COUNTRY_CODE.test(code) || NOT_A_COUNTRY.test(code)) {
    return undefined;
  }
  let names = regionNames.get(locale ?? '');
  if (!names) {
    names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region', fallback: 'none' });
    regionNames.set(locale ?? '', names);
  }
  return names.of(code) ?? undefined;
}
