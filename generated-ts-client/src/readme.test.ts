import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The operationIds of a contract's public operations, in its order (not those marked x-shop-internal). */
function operationIds(contract: string): string[] {
  const operations = read(`../../api-spec/${contract}`)
    .split(/^ {4}(?:get|put|post|patch|delete):/m)
    .slice(1);
  return operations
    .filter((operation) => !/^\s+x-shop-internal:\s*true/m.test(operation))
    .map((operation) => /^\s+operationId:\s*['"]?(\w+)/m.exec(operation)?.[1])
    .filter((id): id is string => id !== undefined);
}

describe('README.md', () => {
  const readme = read('../README.md');

  it.each(['products.yaml', 'orders.yaml'])('shows a call of every public operation of %s', (contract) => {
    const ids = operationIds(contract);
    expect(ids.length).toBeGreaterThan(0);
    const missing = ids.filter((id) => !readme.includes(`.${id}(`));
    expect(missing, `README.md shows no call of: ${missing.join(', ')}`).toEqual([]);
  });
});
