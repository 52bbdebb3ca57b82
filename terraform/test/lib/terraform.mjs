// Reads the repository's Terraform the only way possible here (no Terraform binary): every .tf file
// parsed to JSON by @cdktf/hcl2json, the parser CDK for Terraform uses. Expressions stay strings
// ("${var.x}"); evaluate() runs the simple ones (comparisons, conditionals, attribute access).
import { parse } from '@cdktf/hcl2json';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const terraformRoot = path.join(repoRoot, 'terraform');
export const envDir = path.join(terraformRoot, 'envs/dev');
export const modulesDir = path.join(terraformRoot, 'modules');

export function tfFiles(dir = terraformRoot) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (['test', '.terraform', 'node_modules'].includes(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...tfFiles(full));
    else if (entry.endsWith('.tf')) found.push(full);
  }
  return found.sort();
}

export async function parseFile(file) {
  return parse(path.basename(file), readFileSync(file, 'utf8'));
}

// Blocks of one kind merged over a module's files: block types and names map to arrays of bodies.
function merge(into, from) {
  for (const [key, value] of Object.entries(from)) {
    if (Array.isArray(value)) into[key] = [...(into[key] ?? []), ...value];
    else if (value && typeof value === 'object') into[key] = merge(into[key] ?? {}, value);
    else into[key] = value;
  }
  return into;
}

const cache = new Map();

/** A module (or the environment root) as one parsed document, with helpers. */
export async function loadModule(dir) {
  if (cache.has(dir)) return cache.get(dir);
  const doc = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tf')).sort()) {
    merge(doc, await parseFile(path.join(dir, file)));
  }
  const module = new TerraformModule(dir, doc);
  cache.set(dir, module);
  return module;
}

export const loadEnv = () => loadModule(envDir);
export const loadModuleNamed = (name) => loadModule(path.join(modulesDir, name));
export const moduleNames = () => readdirSync(modulesDir).filter((d) => statSync(path.join(modulesDir, d)).isDirectory()).sort();

class TerraformModule {
  constructor(dir, doc) {
    this.dir = dir;
    this.doc = doc;
  }

  /** Bodies of resources of a type, by name (each resource block is declared once). */
  resources(type) {
    return Object.fromEntries(Object.entries(this.doc.resource?.[type] ?? {}).map(([name, bodies]) => [name, bodies[0]]));
  }

  resource(type, name) {
    const body = this.doc.resource?.[type]?.[name]?.[0];
    if (!body) throw new Error(`no resource ${type}.${name} in ${path.relative(repoRoot, this.dir)}`);
    return body;
  }

  data(type, name) {
    const body = this.doc.data?.[type]?.[name]?.[0];
    if (!body) throw new Error(`no data ${type}.${name} in ${path.relative(repoRoot, this.dir)}`);
    return body;
  }

  dataSources(type) {
    return Object.fromEntries(Object.entries(this.doc.data?.[type] ?? {}).map(([name, bodies]) => [name, bodies[0]]));
  }

  get localsBlocks() {
    return this.doc.locals ?? [];
  }

  get locals() {
    return Object.assign({}, ...this.localsBlocks);
  }

  get variables() {
    return Object.fromEntries(Object.entries(this.doc.variable ?? {}).map(([name, bodies]) => [name, bodies[0]]));
  }

  get outputs() {
    return Object.fromEntries(Object.entries(this.doc.output ?? {}).map(([name, bodies]) => [name, bodies[0]]));
  }

  get moduleCalls() {
    return Object.fromEntries(Object.entries(this.doc.module ?? {}).map(([name, bodies]) => [name, bodies[0]]));
  }

  /** Every resource and data source body, with its address. */
  *allBlocks() {
    for (const kind of ['resource', 'data']) {
      for (const [type, byName] of Object.entries(this.doc[kind] ?? {})) {
        for (const [name, bodies] of Object.entries(byName)) yield { kind, type, name, body: bodies[0] };
      }
    }
  }
}

/** "${expr}" -> "expr"; anything else unchanged. */
export function unwrap(value) {
  if (typeof value !== 'string') return value;
  const match = /^\$\{([\s\S]*)\}$/.exec(value);
  return match && !match[1].includes('${') ? match[1].trim() : value;
}

/**
 * Evaluates a simple HCL expression (attribute access, ==, !=, &&, ||, ?:, length(), literals), which
 * reads the same in JavaScript, with the given names in scope. Anything else is refused rather than
 * guessed at.
 */
export function evaluate(expression, scope) {
  const source = unwrap(expression);
  if (typeof source !== 'string') return source;
  if (/\bfor\b|\[\*\]|=>|%\{|<<|\$\{/.test(source)) throw new Error(`not a simple expression: ${source}`);
  // "var" is a reserved word in JavaScript: it is renamed on both sides.
  const rename = (name) => (name === 'var' ? '__var' : name);
  const names = Object.keys(scope);
  const fn = new Function(...names.map(rename), 'length', `"use strict"; return (${source.replace(/\bvar\./g, '__var.')});`);
  return fn(...names.map((n) => scope[n]), (x) => (Array.isArray(x) ? x.length : Object.keys(x).length));
}

/** A default of a variable, or the variable's default when the value is exactly var.<name>. */
export function resolveVariable(module, value) {
  const match = /^var\.([a-z0-9_]+)$/.exec(unwrap(value) ?? '');
  if (!match) return value;
  const variable = module.variables[match[1]];
  if (!variable) throw new Error(`no variable ${match[1]} in ${module.dir}`);
  return variable.default;
}

/** Every string anywhere inside a parsed value. */
export function* strings(value) {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v);
}

export function readJson(relative) {
  return JSON.parse(readFileSync(path.join(repoRoot, relative), 'utf8'));
}

export function readText(relative) {
  return readFileSync(path.join(repoRoot, relative), 'utf8');
}

/** A path written as "${path.module}/..." in the environment root, resolved on disk. */
export function resolveEnvPath(expression) {
  const text = unwrap(expression).replace(/^"|"$/g, '');
  return path.resolve(envDir, text.replace('${path.module}', '.'));
}
