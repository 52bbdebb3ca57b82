import { describe, expect, it } from 'vitest';
import { countryName, normalizeAddress, validateAddress } from './address';

const valid = { street: '123 Serverless Way', city: 'Cloud City', zipCode: '12345', country: 'US' };

describe('the shipping address', () => {
  it('accepts an address the contract accepts', () => {
    expect(validateAddress(valid)).toEqual({});
    expect(validateAddress({ ...valid, zipCode: 'SW1A 1AA', country: 'gb' })).toEqual({});
    expect(validateAddress({ ...valid, zipCode: '10-115', country: 'PL' })).toEqual({});
  });

  it('requires street and city, not just spaces', () => {
    expect(validateAddress({ ...valid, street: '   ', city: '' })).toEqual({
      'shipping_address.street': 'Enter the street and house number.',
      'shipping_address.city': 'Enter the city.',
    });
  });

  it('checks the ZIP code as the contract does', () => {
    expect(Object.keys(validateAddress({ ...valid, zipCode: '-123' }))).toEqual(['shipping_address.zip_code']);
    expect(Object.keys(validateAddress({ ...valid, zipCode: '12#45' }))).toEqual(['shipping_address.zip_code']);
    expect(Object.keys(validateAddress({ ...valid, zipCode: '1'.repeat(17) }))).toEqual(['shipping_address.zip_code']);
    expect(Object.keys(validateAddress({ ...valid, zipCode: '' }))).toEqual(['shipping_address.zip_code']);
  });

  it('wants an ISO 3166-1 alpha-2 country code', () => {
    expect(Object.keys(validateAddress({ ...valid, country: 'USA' }))).toEqual(['shipping_address.country']);
    expect(Object.keys(validateAddress({ ...valid, country: 'XX' }))).toEqual(['shipping_address.country']);
    expect(Object.keys(validateAddress({ ...valid, country: '1A' }))).toEqual(['shipping_address.country']);
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('ZZ', 'en')).toBeUndefined();
  });

  it('rejects control characters and over-long text', () => {
    expect(Object.keys(validateAddress({ ...valid, street: 'a\tb' }))).toEqual(['shipping_address.street']);
    expect(Object.keys(validateAddress({ ...valid, city: 'c'.repeat(101) }))).toEqual(['shipping_address.city']);
  });

  it('sends trimmed values and a capital country code', () => {
    expect(normalizeAddress({ street: ' 1 Main St ', city: ' Town', zipCode: ' 123 ', country: ' de ' })).toEqual({
      street: '1 Main St',
      city: 'Town',
      zipCode: '123',
      country: 'DE',
    });
  });
});
