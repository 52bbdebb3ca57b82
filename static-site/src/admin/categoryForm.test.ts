import { describe, expect, it } from 'vitest';
import { categoryWriteOf, slugOf, validateCategory } from './categoryForm';

describe('the category form', () => {
  it('suggests a slug the contract accepts from the name', () => {
    expect(slugOf('Desk & Floor Lamps')).toBe('desk-floor-lamps');
    expect(slugOf('  Café Tables ')).toBe('cafe-tables');
    expect(slugOf('---')).toBe('');
    expect(slugOf(`${'a'.repeat(63)} b`)).toBe('a'.repeat(63));
  });

  it('names every field that breaks the contract by its JSON name', () => {
    expect(validateCategory({ name: 'Lighting', slug: 'lighting' })).toEqual({});
    expect(Object.keys(validateCategory({ name: ' ', slug: '' })).sort()).toEqual(['name', 'slug']);
    expect(validateCategory({ name: 'Lamps', slug: 'Desk-Lamps' }).slug).toMatch(/lower-case/);
    expect(validateCategory({ name: 'Lamps', slug: 'desk--lamps' }).slug).toMatch(/single hyphens/);
    expect(validateCategory({ name: 'Lamps', slug: 'a'.repeat(65) }).slug).toBeDefined();
    expect(validateCategory({ name: 'Tab\there', slug: 'tab' }).name).toBeDefined();
  });

  it('sends trimmed values', () => {
    expect(categoryWriteOf({ name: ' Lighting ', slug: ' lighting ' })).toEqual({ name: 'Lighting', slug: 'lighting' });
  });
});
