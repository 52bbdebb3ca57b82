import { describe, expect, it } from 'vitest';
import { centsToAmount, centsToDecimal, formatMoney, parseMoney, toCents, totalCents } from './money';

describe('money', () => {
  it('turns API amounts into exact cents, float error included', () => {
    expect(toCents(39.9)).toBe(3990);
    expect(toCents(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(toCents(12.5)).toBe(1250);
    expect(toCents(99999999.99)).toBe(9999999999);
    expect(() => toCents(Number.NaN)).toThrow(RangeError);
  });

  it('adds up without floating-point drift', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats; in cents it is 30.
    expect(
      centsToDecimal(
        totalCents([
          { unitPriceCents: toCents(0.1), quantity: 1 },
          { unitPriceCents: toCents(0.2), quantity: 1 },
        ]),
      ),
    ).toBe('0.30');
    expect(centsToDecimal(totalCents([{ unitPriceCents: toCents(19.99), quantity: 3 }]))).toBe('59.97');
    expect(centsToDecimal(totalCents([{ unitPriceCents: toCents(99999999.99), quantity: 100 }]))).toBe('9999999999.00');
  });

  it('writes exact decimals with two places', () => {
    expect(centsToDecimal(3990)).toBe('39.90');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(-1250)).toBe('-12.50');
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });

  it('formats for people in the shop currency', () => {
    expect(formatMoney(3990, 'USD', 'en-US')).toBe('$39.90');
    expect(formatMoney(4900, 'USD', 'en-US')).toBe('$49.00');
    expect(formatMoney(123456789, 'EUR', 'de-DE')).toBe('1.234.567,89\u00a0€');
    expect(formatMoney(9999999999, 'USD', 'en-US')).toBe('$99,999,999.99');
  });

  it('sends amounts whose JSON form is the exact decimal', () => {
    expect(JSON.stringify(centsToAmount(3990))).toBe('39.9');
    expect(JSON.stringify(centsToAmount(29))).toBe('0.29');
    expect(JSON.stringify(centsToAmount(9999999999))).toBe('99999999.99');
  });

  it('parses typed prices as text', () => {
    expect(parseMoney('39.9')).toBe(3990);
    expect(parseMoney('39.90')).toBe(3990);
    expect(parseMoney(' 0.29 ')).toBe(29);
    expect(parseMoney('12,5')).toBe(1250);
    expect(parseMoney('1234')).toBe(123400);
    expect(parseMoney('1.234')).toBeNull();
    expect(parseMoney('-1')).toBeNull();
    expect(parseMoney('1e3')).toBeNull();
    expect(parseMoney('')).toBeNull();
  });
});
