// The API contracts read straight from api-spec/*.yaml, independently of the Java generator that
// writes routes.json: what every route must be.
import { parse } from 'yaml';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './terraform.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function contracts() {
  const dir = path.join(repoRoot, 'api-spec');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((file) => ({ file, function: file.replace(/\.ya?ml$/, ''), spec: parse(readFileSync(path.join(dir, file), 'utf8')) }));
}

/** Every operation as the API Gateway route it must become. */
export function expectedRoutes() {
  const routes = [];
  for (const { function: fn, spec } of contracts()) {
    for (const [p, item] of Object.entries(spec.paths ?? {})) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        const security = op.security ?? spec.security ?? [];
        const requirement = security[0] ?? {};
        const scopes = Object.values(requirement)[0] ?? [];
        routes.push({
          route_key: `${method.toUpperCase()} ${p}`,
          operation_id: op.operationId,
          function: fn,
          authorization: security.length === 0 ? 'none' : 'jwt',
          scopes,
          groups: op['x-required-groups'] ?? [],
        });
      }
    }
  }
  return routes.sort((a, b) => a.route_key.localeCompare(b.route_key));
}
