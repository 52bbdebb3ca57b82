// The control characters the contracts' text patterns refuse ([\x00-\x1F\x7F]; multi-line text allows tab,
// line feed and carriage return): the site refuses or strips them before the API would.
/* eslint-disable no-control-regex -- matching control characters is what these patterns are for */
export const CONTROL_CHARACTER = /[\x00-\x1F\x7F]/;
export const CONTROL_CHARACTER_BUT_LINE_BREAKS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const EVERY_CONTROL_CHARACTER = /[\x00-\x1F\x7F]/g;
/* eslint-enable no-control-regex */

/** What a search box keeps of typed or pasted text. */
export function withoutControlCharacters(text: string): string {
  return text.replace(EVERY_CONTROL_CHARACTER, '');
}
