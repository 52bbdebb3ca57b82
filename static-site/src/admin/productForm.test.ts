import { describe, expect, it } from 'vitest';
import { EMPTY_PRODUCT, productFormOf, productUpdateOf, validateProduct } from './productForm';

const lamp = { ...EMPTY_PRODUCT, sku: 'LAMP-DESK-01', name: 'Desk lamp', price: '39.9', stockQuantity: '25' };

describe('the product form', () => {
  it('accepts what the contract accepts and sends exact amounts', () => {
    expect(validateProduct(lamp)).toEqual({});
    const body = productUpdateOf({ ...lamp, description: '  ' });
    expect(body).toEqual({
      sku: 'LAMP-DESK-01',
      name: 'Desk lamp',
      description: null,
      price: 39.9,
      stockQuantity: 25,
      isActive: true,
      categoryIds: new Set(),
    });
    expect(JSON.stringify(productUpdateOf({ ...lamp, price: '0.29' }).price)).toBe('0.29');
  });

  it('names every field that breaks the contract by its JSON name', () => {
    expect(Object.keys(validateProduct({ ...EMPTY_PRODUCT, stockQuantity: '-1' })).sort()).toEqual([
      'name',
      'price',
      'sku',
      'stock_quantity',
    ]);
    expect(validateProduct({ ...lamp, sku: '-LAMP' }).sku).toMatch(/starting with a letter or digit/);
    expect(validateProduct({ ...lamp, price: '0.00' }).price).toMatch(/between 0.01/);
    expect(validateProduct({ ...lamp, price: '1.999' }).price).toMatch(/two decimals/);
    expect(validateProduct({ ...lamp, stockQuantity: '2.5' }).stock_quantity).toBeDefined();
    expect(validateProduct({ ...lamp, description: 'line\nbreak' })).toEqual({});
    expect(validateProduct({ ...lamp, description: 'bell\u0007' }).description).toBeDefined();
  });

  it("shows a product's price as its exact decimal", () => {
    const form = productFormOf({
      productId: 'p',
      sku: 'S',
      name: 'N',
      description: null,
      price: 12.5,
      stockQuantity: 3,
      isActive: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    expect(form).toEqual({
      sku: 'S',
      name: 'N',
      description: '',
      price: '12.50',
      stockQuantity: '3',
      isActive: false,
      categoryIds: null,
    });
  });

  it("sends the product's categories, and leaves them as they are when they are unknown", () => {
    const product = {
      productId: 'p',
      sku: 'S',
      name: 'N',
      price: 1,
      stockQuantity: 0,
      isActive: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const inTwo = productFormOf({ ...product, categoryIds: new Set(['c-1', 'c-2']) });
    expect(inTwo.categoryIds).toEqual(['c-1', 'c-2']);
    expect(productUpdateOf(inTwo).categoryIds).toEqual(new Set(['c-1', 'c-2']));
    expect(productUpdateOf({ ...inTwo, categoryIds: [] }).categoryIds, 'out of every category').toEqual(new Set());
    const unknown = productUpdateOf(productFormOf(product));
    expect('categoryIds' in unknown, 'absent: the update leaves them unchanged').toBe(false);
  });
});
