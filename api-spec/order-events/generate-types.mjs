// The types of the order events, generated from api-spec/order-events.yaml (AsyncAPI 3) by
// AsyncAPI's own generator (Modelina): Java classes for the orders service (this module's
// generated sources) and TypeScript types for the client (generated-ts-client/src/generated/events).
// The Maven build runs it (generate-sources); nothing it writes is committed.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { JAVA_COMMON_PRESET, JAVA_JACKSON_PRESET, JavaFileGenerator, TypeScriptGenerator } from '@asyncapi/modelina';

const [contract, javaDir, javaPackage, tsFile] = process.argv.slice(2);
if (!tsFile) {
  console.error('usage: generate-types.mjs <order-events.yaml> <java dir> <java package> <ts file>');
  process.exit(2);
}

const { document, diagnostics } = await fromFile(new Parser(), contract).parse();
if (!document) {
  for (const d of diagnostics) console.error(`${contract}: ${d.message} at ${d.path.join('.')}`);
  process.exit(1);
}

// The channel's union of its messages (Java: the interface OrderEvent implements); every message
// carries the one OrderEvent payload, so TypeScript needs no union.
const skip = (model) => model.modelName === 'OrderEvents';

// Money is a decimal, as in the HTTP models; never a binary floating point number.
const decimals = { Float: () => 'java.math.BigDecimal' };

// A document the generator does not understand becomes one type of anything: refuse it.
const expected = Object.keys(document.json().components?.schemas ?? {});
const names = (models) => new Set(models.map((model) => model.modelName));

await rm(javaDir, { recursive: true, force: true });
const java = new JavaFileGenerator({
  collectionType: 'List',
  typeMapping: decimals,
  presets: [
    JAVA_JACKSON_PRESET,
    { preset: JAVA_COMMON_PRESET, options: { equal: true, hashCode: true, classToString: true } },
  ],
});
const javaModels = await java.generateToFiles(
  document,
  path.join(javaDir, ...javaPackage.split('.')),
  { packageName: javaPackage },
  true,
);

assertEvery(expected, names(javaModels), 'Java');

const typescript = new TypeScriptGenerator({ modelType: 'interface', enumType: 'union', rawPropertyNames: true });
const tsModels = (await typescript.generate(document)).filter((model) => !skip(model));
assertEvery(expected, names(tsModels), 'TypeScript');
await mkdir(path.dirname(tsFile), { recursive: true });
await writeFile(
  tsFile,
  [
    `// Generated from ${path.basename(contract)} by Modelina; do not edit.`,
    ...tsModels.map((model) => `export ${model.result}\n`),
  ].join('\n'),
);
console.log(`order events: ${javaModels.length} Java types, ${tsModels.length} TypeScript types`);

function assertEvery(schemas, generated, language) {
  const missing = schemas.filter((name) => !generated.has(name));
  if (missing.length > 0) {
    console.error(`${contract}: no ${language} type generated for ${missing.join(', ')}`);
    process.exit(1);
  }
}
