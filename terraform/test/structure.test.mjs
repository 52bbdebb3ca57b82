import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  envDir, loadEnv, loadModuleNamed, moduleNames, modulesDir, repoRoot, terraformRoot, tfFiles, unwrap,
} from './lib/terraform.mjs';

// The repository's Terraform conventions, read from the files: what terraform validate and terraform
// test (scripts/terraform.mjs) do not check, since any layout, naming or description is valid to them.
describe('Terraform conventions', () => {
  test('every module and the environment have main.tf, variables.tf, outputs.tf and versions.tf', () => {
    const dirs = [envDir, ...moduleNames().map((m) => path.join(modulesDir, m))];
    for (const dir of dirs) {
      for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
        assert.ok(existsSync(path.join(dir, file)), `${path.relative(repoRoot, dir)}/${file} is missing`);
      }
    }
  });

  test('the modules are the ones the design names, each used by the environment', async () => {
    assert.deepEqual(moduleNames(), ['alarms', 'api', 'auth', 'dashboard', 'database', 'events', 'functions', 'images', 'network', 'orders_table', 'registry', 'site', 'waf']);
    const env = await loadEnv();
    const used = Object.values(env.moduleCalls).map((call) => call.source);
    assert.deepEqual([...new Set(used)].sort(), moduleNames().map((m) => `../../modules/${m}`));
    // Each module once, but the API twice (the shoppers' and the administrators': one issuer each) and
    // the functions twice (the order events' own, whose mail link names the site in front of the API).
    assert.deepEqual(Object.keys(env.moduleCalls).filter((name) => env.moduleCalls[name].source === '../../modules/api').sort(), ['admin_api', 'api']);
    assert.deepEqual(Object.keys(env.moduleCalls).filter((name) => env.moduleCalls[name].source === '../../modules/functions').sort(), ['event_functions', 'functions']);
    assert.equal(used.length, moduleNames().length + 2);
  });

  test('versions: Terraform >= 1.10 (the environment 1.11, for write-only secrets) and the AWS provider 5.100 to 6.x everywhere', async () => {
    const env = await loadEnv();
    const envTerraform = env.doc.terraform[0];
    assert.equal(envTerraform.required_version, '>= 1.11');
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
    // Besides it, only CloudFront's: its global resources (the WAF web ACL) exist in us-east-1 alone.
    assert.deepEqual(env.doc.provider.aws.slice(1).map((p) => [p.alias, p.region, p.default_tags[0].tags]), [
      ['cloudfront', 'us-east-1', '${local.tags}'],
    ]);
    for (const name of moduleNames()) {
      assert.equal((await loadModuleNamed(name)).localsBlocks.length <= 1, true, `${name}: at most one locals block`);
    }
  });

  test('no hard-coded account ids or regions in any .tf file', () => {
    const region = /\b(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/;
    // The one region written down: the CloudFront provider's (previous test), which no deployer chooses.
    const cloudfrontRegion = /(alias\s*=\s*"cloudfront"\s*\n\s*region\s*=\s*)"us-east-1"/;
    for (const file of tfFiles()) {
      const text = readFileSync(file, 'utf8').replace(cloudfrontRegion, '$1');
      assert.doesNotMatch(text, /\b\d{12}\b/, `${path.relative(repoRoot, file)} names an account id`);
      assert.doesNotMatch(text, region, `${path.relative(repoRoot, file)} names a region`);
    }
  });

  test('no secret value is written in any .tf file', () => {
    for (const file of tfFiles()) {
      assert.doesNotMatch(readFileSync(file, 'utf8'), /(AKIA|ASIA)[A-Z0-9]{16}|-----BEGIN/, path.relative(repoRoot, file));
    }
  });

  // A secret's value in an output is printed by terraform output and read by whoever reads it: what
  // is handed out is where the secret is kept (an ARN), which only the roles allowed may read.
  test('no output hands out a secret: an output named after a secret is its ARN', async () => {
    for (const dir of [envDir, ...moduleNames().map((m) => path.join(modulesDir, m))]) {
      const module = await (dir === envDir ? loadEnv() : loadModuleNamed(path.basename(dir)));
      for (const output of Object.keys(module.outputs).filter((o) => /secret/i.test(o))) {
        assert.match(output, /_arns?$/, `${path.relative(terraformRoot, dir)}: output ${output} hands out a secret`);
      }
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

  test("CloudFront sends every path of the contracts to the API: each route's path begins with one of the site module's API path patterns", () => {
    const routesFile = path.join(repoRoot, 'api-spec/target/routes.json');
    assert.ok(existsSync(routesFile), 'api-spec/target/routes.json is missing: the Maven build writes it before these tests run');
    const variables = readFileSync(path.join(modulesDir, 'site', 'variables.tf'), 'utf8');
    const block = variables.match(/variable "api_path_patterns" \{[\s\S]*?default\s*=\s*(\[[^\]]*\])/);
    assert.ok(block, 'modules/site/variables.tf has no default for api_path_patterns');
    const prefixes = JSON.parse(block[1]).map((pattern) => pattern.replace(/\*$/, ''));
    const routes = JSON.parse(readFileSync(routesFile, 'utf8')).routes;
    assert.ok(routes.length > 0, 'routes.json lists no route');
    for (const route of routes) {
      assert.ok(prefixes.some((prefix) => route.path.startsWith(prefix)),
        `${route.route_key} is not under any of ${JSON.stringify(prefixes)}: CloudFront would serve it from the site's bucket`);
    }
  });
});
