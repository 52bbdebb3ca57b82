import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import {
  envDir, loadEnv, loadModuleNamed, moduleNames, modulesDir, parseFile, repoRoot, strings, terraformRoot, tfFiles, unwrap,
} from './lib/terraform.mjs';

describe('Terraform layout', () => {
  test('every .tf file parses (hcl2json)', async () => {
    const files = tfFiles();
    assert.ok(files.length >= 40, `only ${files.length} .tf files found`);
    for (const file of files) {
      await assert.doesNotReject(parseFile(file), `${path.relative(repoRoot, file)} does not parse`);
    }
  });

  test('the parser refuses broken HCL, so parsing proves something', async () => {
    await assert.rejects(parse('broken.tf', 'resource "aws_s3_bucket" "x" {\n  bucket = "a"\n'));
    await assert.rejects(parse('broken.tf', 'variable "x" { default = [1, 2 }'));
  });

  test('every module and the environment have main.tf, variables.tf, outputs.tf and versions.tf', () => {
    const dirs = [envDir, ...moduleNames().map((m) => path.join(modulesDir, m))];
    for (const dir of dirs) {
      for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
        assert.ok(existsSync(path.join(dir, file)), `${path.relative(repoRoot, dir)}/${file} is missing`);
      }
    }
  });

  test('the modules are the ones the design names, each used by the environment', async () => {
    assert.deepEqual(moduleNames(), ['alarms', 'api', 'auth', 'dashboard', 'database', 'functions', 'network', 'orders_table', 'registry', 'site']);
    const env = await loadEnv();
    const used = Object.values(env.moduleCalls).map((call) => call.source).sort();
    assert.deepEqual(used, moduleNames().map((m) => `../../modules/${m}`));
  });

  test('versions: Terraform >= 1.10 and the AWS provider 5.100 to 6.x everywhere', async () => {
    const env = await loadEnv();
    const envTerraform = env.doc.terraform[0];
    assert.equal(envTerraform.required_version, '>= 1.10');
    assert.deepEqual(envTerraform.required_providers[0].aws, { source: 'hashicorp/aws', version: '>= 5.100, < 7.0' });
    for (const name of moduleNames()) {
      const terraform = (await loadModuleNamed(name)).doc.terraform[0];
      assert.equal(terraform.required_version, '>= 1.10', name);
      assert.deepEqual(terraform.required_providers[0].aws, { source: 'hashicorp/aws', version: '>= 5.100, < 7.0' }, name);
    }
  });

  test('remote state: S3 backend, encrypted, locked with a lock file, bucket and region given at init', async () => {
    const backend = (await loadEnv()).doc.terraform[0].backend.s3[0];
    assert.equal(backend.use_lockfile, true);
    assert.equal(backend.encrypt, true);
    assert.match(backend.key, /^serverless-shop\/dev\/terraform\.tfstate$/);
    assert.equal(backend.bucket, undefined, 'the bucket is account-specific: -backend-config');
    assert.equal(backend.region, undefined, 'the region is the deployer\'s: -backend-config');
    assert.equal(backend.dynamodb_table, undefined, 'S3 native locking replaces the DynamoDB lock table');
  });

  test('one locals block of names and tags in the environment; every resource tagged through the provider', async () => {
    const env = await loadEnv();
    assert.equal(env.localsBlocks.length, 1);
    const locals = env.locals;
    assert.equal(locals.name_prefix, '${var.project}-${var.environment}');
    assert.deepEqual(Object.keys(locals.tags).sort(), ['Environment', 'ManagedBy', 'Project', 'Source']);
    const provider = env.doc.provider.aws[0];
    assert.equal(provider.region, '${var.region}');
    assert.equal(provider.default_tags[0].tags, '${local.tags}');
    for (const name of moduleNames()) {
      assert.equal((await loadModuleNamed(name)).localsBlocks.length <= 1, true, `${name}: at most one locals block`);
    }
  });

  test('no hard-coded account ids or regions in any .tf file', () => {
    const region = /\b(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/;
    for (const file of tfFiles()) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /\b\d{12}\b/, `${path.relative(repoRoot, file)} names an account id`);
      assert.doesNotMatch(text, region, `${path.relative(repoRoot, file)} names a region`);
    }
  });

  test('every variable has a type and a description; every output a description', async () => {
    for (const dir of [envDir, ...moduleNames().map((m) => path.join(modulesDir, m))]) {
      const name = path.relative(terraformRoot, dir);
      const module = await (dir === envDir ? loadEnv() : loadModuleNamed(path.basename(dir)));
      for (const [variable, body] of Object.entries(module.variables)) {
        assert.ok(body.type, `${name}: variable ${variable} has no type`);
        assert.ok(body.description, `${name}: variable ${variable} has no description`);
      }
      for (const [output, body] of Object.entries(module.outputs)) {
        assert.ok(body.description, `${name}: output ${output} has no description`);
      }
    }
  });

  test('repeated resources use for_each; count only switches an optional resource on or off', async () => {
    for (const name of moduleNames()) {
      for (const { type, name: resource, body } of (await loadModuleNamed(name)).allBlocks()) {
        if (body.count === undefined) continue;
        assert.match(unwrap(body.count), /\?\s*[01]\s*:\s*[01]$/, `${name}: ${type}.${resource} uses count for repetition`);
      }
    }
  });

  test('every module input the environment sets is a variable of that module', async () => {
    const env = await loadEnv();
    for (const [call, body] of Object.entries(env.moduleCalls)) {
      const module = await loadModuleNamed(path.basename(body.source));
      for (const input of Object.keys(body).filter((k) => !['source', 'depends_on', 'providers'].includes(k))) {
        assert.ok(module.variables[input], `module.${call} sets ${input}, which ${body.source} does not declare`);
      }
      for (const [variable, declaration] of Object.entries(module.variables)) {
        if (!('default' in declaration)) assert.ok(variable in body, `module.${call} misses the required input ${variable}`);
      }
    }
  });

  test('every module output the environment reads exists', async () => {
    const env = await loadEnv();
    const text = [...strings(env.doc)].join('\n');
    for (const [, call, output] of text.matchAll(/module\.([a-z_]+)\.([a-z_]+)/g)) {
      const module = await loadModuleNamed(path.basename(env.moduleCalls[call].source));
      assert.ok(module.outputs[output], `module.${call}.${output} is not an output of ${env.moduleCalls[call].source}`);
    }
  });

  test('every var., local., resource and data reference in a module resolves (no typos)', async () => {
    for (const dir of [envDir, ...moduleNames().map((m) => path.join(modulesDir, m))]) {
      const module = await (dir === envDir ? loadEnv() : loadModuleNamed(path.basename(dir)));
      const where = path.relative(terraformRoot, dir);
      const text = [...strings(module.doc)].filter((s) => s.includes('${')).join('\n');
      for (const [, name] of text.matchAll(/\bvar\.([a-z0-9_]+)/g)) {
        assert.ok(module.variables[name], `${where}: var.${name} is not declared`);
      }
      for (const [, name] of text.matchAll(/\blocal\.([a-z0-9_]+)/g)) {
        assert.ok(name in module.locals, `${where}: local.${name} is not defined`);
      }
      for (const [, data, type, name] of text.matchAll(/(\bdata\.)?\b(aws_[a-z0-9_]+)\.([a-z0-9_]+)/g)) {
        const declared = data ? module.doc.data?.[type]?.[name] : module.doc.resource?.[type]?.[name];
        assert.ok(declared, `${where}: ${data ?? ''}${type}.${name} is not declared`);
      }
    }
  });
});
