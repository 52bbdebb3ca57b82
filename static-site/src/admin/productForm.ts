// The product form's rules, mirroring products.yaml (Sku, ProductName, ProductDescription, Price,
// StockQuantity), keyed by the contract's JSON names so the server's field errors land in the same
// places. The price is typed as text and kept as cents: never a float on the way.
import type { products } from '@serverless-shop/api-client';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_BUT_LINE_BREAKS } from '../controlCharacters';
import { centsToAmount, centsToDecimal, parseMoney, toCents } from '../money';

export interface ProductForm {
  sku: string;
  name: string;
  description: string;
  price: string;
  stockQuantity: string;
  isActive: boolean;
  /** The product's categories; null when unknown (an answer older than 2.2.0): then left as they are. */
  categoryIds: string[] | null;
}

export const PRODUCT_FIELDS = {
  sku: 'sku',
  name: 'name',
  description: 'description',
  price: 'price',
  stockQuantity: 'stock_quantity',
  isActive: 'is_active',
  categoryIds: 'category_ids',
} as const satisfies Record<keyof ProductForm, string>;

export const EMPTY_PRODUCT: ProductForm = {
  sku: '',
  name: '',
  description: '',
  price: '',
  stockQuantity: '0',
  isActive: true,
  categoryIds: [],
};

const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MIN_PRICE_CENTS = 1;
const MAX_PRICE_CENTS = 9_999_999_999;
const MAX_STOCK = 1_000_000_000;

export function productFormOf(product: products.Product): ProductForm {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description ?? '',
    price: centsToDecimal(toCents(product.price)),
    stockQuantity: String(product.stockQuantity),
    isActive: product.isActive,
    categoryIds: product.categoryIds ? [...product.categoryIds] : null,
  };
}

/** Messages by JSON name for every field that breaks the contract; empty when the product is fine. */
export function validateProduct(form: ProductForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const sku = form.sku.trim();
  if (sku === '') {
    errors.sku = 'Enter a SKU.';
  } else if (sku.length > 100 || !SKU.test(sku)) {
    errors.sku = 'Use up to 100 letters, digits, dots, hyphens or underscores, starting with a letter or digit.';
  }
  const name = form.name.trim();
  if (name === '') {
    errors.name = 'Enter a name.';
  } else if (name.length > 255 || CONTROL_CHARACTER.test(name)) {
    errors.name = 'Use up to 255 characters on one line.';
  }
  if (form.description.length > 5000 || CONTROL_CHARACTER_BUT_LINE_BREAKS.test(form.description)) {
    errors.description = 'Use up to 5000 characters; line breaks are fine, other control characters are not.';
  }
  const cents = parseMoney(form.price);
  if (cents === null) {
    errors.price = 'Enter a price like 39.90, with at most two decimals.';
  } else if (cents < MIN_PRICE_CENTS || cents > MAX_PRICE_CENTS) {
    errors.price = 'The price must be between 0.01 and 99999999.99.';
  }
  if (!/^\s*\d+\s*$/.test(form.stockQuantity) || Number(form.stockQuantity) > MAX_STOCK) {
    errors.stock_quantity = `Enter a whole number from 0 to ${MAX_STOCK}.`;
  }
  return errors;
}

/**
 * The request body of a valid form (validateProduct first): every writable field, the categories
 * only when known (absent from an update, they stay as they are).
 */
export function productUpdateOf(form: ProductForm): products.ProductUpdate {
  const description = form.description.trim();
  return {
    sku: form.sku.trim(),
    name: form.name.trim(),
    description: description === '' ? null : description,
    price: centsToAmount(parseMoney(form.price) ?? 0),
    stockQuantity: Number(form.stockQuantity.trim()),
    isActive: form.isActive,
    ...(form.categoryIds === null ? {} : { categoryIds: new Set(form.categoryIds) }),
  };
}
