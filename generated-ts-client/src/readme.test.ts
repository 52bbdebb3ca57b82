import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The operationIds of a contract, in its order. */
function operationIds(contract: string): string[] {
  return [...read(`../../api-spec/${contract}`).matchAll(/^\s+operationId:\s*['"]?(\w+)/gm)].map((match) => match[1]);
}

describe('README.md', () => {
  const readme = read('../README.md');

  it.each(['products.yaml', 'orders.yaml'])('shows a call of every operation of %s', (contract) => {
    const ids = operationIds(contract);
    expect(ids.length).toBeGreaterThan(0);
    const missing = ids.filter((id) => !readme.includes(`.${id}(`));
    expect(missing, `README.md shows no call of: ${missing.join(', ')}`).toEqual([]);
  });
});
