// Money as integer cents. The contracts carry money as JSON decimals with two places, which a
// browser can only parse into binary floating point (39.90 -> 39.9); converting to cents at the
// edge and back only when sending keeps every sum and every figure on screen exact.

/** The largest price the contract allows (99999999.99) stays far below 2^53 cents. */
const MAX_SAFE_CENTS = Number.MAX_SAFE_INTEGER;

/** Cents of an amount as the API sent it (at most two decimals by contract). */
export function toCents(amount: number): number {
  if (!Number.isFinite(amount)) {
    throw new RangeError(`not an amount: ${amount}`);
  }
  // Math.round absorbs the float error of amount * 100 (39.9 * 100 = 3990.0000000000005).
  const cents = Math.round(amount * 100);
  if (Math.abs(cents) > MAX_SAFE_CENTS) {
    throw new RangeError(`amount out of range: ${amount}`);
  }
  return cents;
}

/** The amount to send to the API: the double whose shortest form is exactly the decimal (3990 -> 39.9). */
export function centsToAmount(cents: number): number {
  return cents / 100;
}

/** "39.90" from 3990: the exact decimal, built from integers only. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`not a whole number of cents: ${cents}`);
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A price for people, in the shop's currency and the reader's locale: "$39.90", "39,90 €". The
 * exact decimal string is what gets formatted (Intl.NumberFormat takes decimal strings as they are),
 * never a float.
 */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formats.set(key, format);
  }
  return format.format(centsToDecimal(cents) as Intl.StringNumericLiteral);
}

/**
 * Cents from what an administrator typed as a price ("39.9", "39.90", "1234"); null when it is not
 * a plain decimal with at most two places. Parsed as text, so "0.29" is 29 cents, not 28.999....
 */
export function parseMoney(text: string): number | null {
  const match = /^\s*(\d{1,12})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) {
    return null;
  }
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** The sum of quantity times unit price over lines, in cents. */
export function totalCents(lines: ReadonlyArray<{ unitPriceCents: number; quantity: number }>): number {
  return lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
}
