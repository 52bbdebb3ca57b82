// The category form's rules, mirroring products.yaml (CategorySlug, ProductName), keyed by the
// contract's JSON names so the server's field errors land in the same places.
import type { products } from '@serverless-shop/api-client';
import { CONTROL_CHARACTER } from '../controlCharacters';

export interface CategoryForm {
  name: string;
  slug: string;
}

export const EMPTY_CATEGORY: CategoryForm = { name: '', slug: '' };

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_SLUG = 64;

/** A slug suggested by a name: "Desk & Floor Lamps" -> "desk-floor-lamps", "Café" -> "cafe". */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
}

/** Messages by JSON name for every field that breaks the contract; empty when the category is fine. */
export function validateCategory(form: CategoryForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (name === '') {
    errors.name = 'Enter a name.';
  } else if (name.length > 255 || CONTROL_CHARACTER.test(name)) {
    errors.name = 'Use up to 255 characters on one line.';
  }
  const slug = form.slug.trim();
  if (slug === '') {
    errors.slug = 'Enter a slug, the name in links.';
  } else if (slug.length > MAX_SLUG || !SLUG.test(slug)) {
    errors.slug = 'Use up to 64 lower-case letters and digits, in words joined by single hyphens.';
  }
  return errors;
}

/** The request body of a valid form (validateCategory first). */
export function categoryWriteOf(form: CategoryForm): products.CategoryWrite {
  return { name: form.name.trim(), slug: form.slug.trim() };
}
