import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_BUT_LINE_BREAKS, withoutControlCharacters } from './controlCharacters';

describe('control characters', () => {
  it('finds C0 controls and DEL, not printable text', () => {
    expect(['a\u0000b', 'tab\there', 'line\n', '\u001F', '\u007F'].every((s) => CONTROL_CHARACTER.test(s))).toBe(true);
    expect(CONTROL_CHARACTER.test('Plain text, ümlauts and € signs ~')).toBe(false);
  });

  it('lets multi-line text keep tab, line feed and carriage return', () => {
    expect(CONTROL_CHARACTER_BUT_LINE_BREAKS.test('one\ttwo\r\nthree')).toBe(false);
    expect(CONTROL_CHARACTER_BUT_LINE_BREAKS.test('bell\u0007')).toBe(true);
    expect(CONTROL_CHARACTER_BUT_LINE_BREAKS.test('\u000B')).toBe(true);
  });

  it('strips every control character from a search and keeps the rest', () => {
    expect(withoutControlCharacters('\u0000shoe\ts\u007F\n')).toBe('shoes');
  });
});
