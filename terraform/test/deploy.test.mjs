// The deploy script, proven by its dry run (no AWS account, Docker or Terraform here) and by its
// preflight against stand-ins for aws, docker and terraform that record every call.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv, repoRoot } from './lib/terraform.mjs';

const STUB = `#!/usr/bin/env bash
tool=$(basename "$0")
echo "$tool $*" >> "$STUB_LOG"
case "$tool $1 $2" in
  "terraform version"*) echo "{\\"terraform_version\\": \\"\${STUB_TERRAFORM_VERSION:-1.10.5}\\"}" ;;
  "aws sts"*) [[ -n "\${STUB_NO_CREDENTIALS:-}" ]] && exit 255; echo 123456789012 ;;
  "aws configure"*) exit 1 ;;
  "aws s3api"*) [[ -n "\${STUB_NO_BUCKET:-}" ]] && exit 254 ;;
esac
exit 0
`;

// A bin directory with stand-ins for the given tools, first on the PATH.
function stubs(tools = ['aws', 'docker', 'terraform']) {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-test-'));
  const bin = path.join(dir, 'bin');
  spawnSync('mkdir', [bin]);
  for (const tool of tools) {
    writeFileSync(path.join(bin, tool), STUB);
    chmodSync(path.join(bin, tool), 0o755);
  }
  return { dir, bin, log: path.join(dir, 'calls.log') };
}

// A PATH holding only basic tools, so aws, docker and terraform are surely absent.
function barePath() {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-bare-'));
  for (const tool of ['bash', 'env', 'dirname', 'sed', 'sort', 'git', 'date', 'cat', 'mkdir', 'rm', 'mktemp']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

function run(command, args, { env = {}, input = '' } = {}) {
  const base = { ...process.env };
  for (const name of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'DRY_RUN', 'AUTO_APPROVE', 'TF_STATE_BUCKET', 'DEPLOY_ENV']) delete base[name];
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', input, env: { ...base, ...env }, timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const calls = (log) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);

// Lines that are commands ("+ ..."), in order.
const commands = (out) => out.split('\n').filter((l) => l.startsWith('+ ')).map((l) => l.slice(2));

function assertInOrder(lines, patterns) {
  let at = 0;
  for (const pattern of patterns) {
    const found = lines.findIndex((line, i) => i >= at && pattern.test(line));
    assert.ok(found >= 0, `missing, or out of order: ${pattern}\n--- commands:\n${lines.join('\n')}`);
    at = found + 1;
  }
}

let dryRun;
function deployDryRun() {
  if (!dryRun) {
    const fakes = stubs();
    const result = run('make', ['deploy', 'DRY_RUN=1'], { env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1' } });
    dryRun = { ...result, calls: calls(fakes.log) };
  }
  return dryRun;
}

describe('make deploy and make destroy (scripts/deploy)', () => {
  test('make deploy DRY_RUN=1 prints the whole deployment, in order', () => {
    const { status, out } = deployDryRun();
    assert.equal(status, 0, out);
    const site = existsSync(path.join(repoRoot, 'static-site/package.json'));
    assertInOrder(commands(out), [
      /^aws sts get-caller-identity/,
      /^aws s3api head-bucket --bucket 'serverless-shop-tfstate-<account-id>-eu-west-1'/,
      /^\.\/mvnw -B -ntp -DskipTests package$/,
      ...(site ? [/^npm ci$/, /^npm run build -w static-site$/] : []),
      /^terraform -chdir=terraform\/envs\/dev init .*-backend-config=bucket=serverless-shop-tfstate-<account-id>-eu-west-1.*-backend-config=region=eu-west-1/,
      /^terraform -chdir=terraform\/envs\/dev apply -input=false -auto-approve -var=region=eu-west-1 -target=module\.registry$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw ecr_registry$/,
      /^aws ecr get-login-password --region eu-west-1 \| docker login --username AWS --password-stdin/,
      /^docker build --platform linux\/amd64 --provenance=false -t '<account-id>\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/serverless-shop\/products:[0-9a-f]{12}-\d{14}(-dirty)?' products-impl$/,
      /^docker push .*serverless-shop\/products:/,
      /^aws ecr describe-images --region eu-west-1 --repository-name serverless-shop\/products /,
      /^docker build --platform linux\/amd64 --provenance=false -t .*serverless-shop\/orders:.* orders-impl$/,
      /^docker push .*serverless-shop\/orders:/,
      /^aws ecr describe-images --region eu-west-1 --repository-name serverless-shop\/orders /,
      /^terraform .* apply .*products_image_digest=sha256:.*orders_image_digest=sha256:.* '-target=module\.functions\.aws_lambda_function\.this\["products-migrate"\]'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw migrate_function_name$/,
      /^aws lambda invoke --region eu-west-1 --function-name serverless-shop-dev-products-migrate .*--payload '\{\}'/,
      /^terraform -chdir=terraform\/envs\/dev apply -input=false -auto-approve -var=region=eu-west-1 -var=architecture=x86_64 '-var=products_image_digest=sha256:[^']+' '-var=orders_image_digest=sha256:[^']+'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw site_bucket$/,
      ...(site ? [/^aws s3 sync static-site\/dist 's3:\/\/<site bucket>\/' --region eu-west-1 --delete --exclude config\.json$/] : []),
      /^aws cloudfront create-invalidation --distribution-id '<distribution id>' --paths '\/\*'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw site_url$/,
    ]);
    for (const heading of ['Preflight', 'Build: the functions', 'Terraform init', 'Images: build and push', 'Database migrations', 'Terraform: everything', 'Site: upload', 'Addresses']) {
      assert.match(out, new RegExp(`==> ${heading}`), heading);
    }
    assert.match(out, /Shop +https:\/\/<distribution>\.cloudfront\.net\//);
    assert.match(out, /API +https:\/\/<api-id>\.execute-api\.eu-west-1\.amazonaws\.com/);
    assert.match(out, /Sign in +https:\/\/<domain>\.auth\.eu-west-1\.amazoncognito\.com/);
    assert.match(out, /dry run: nothing was changed/);
  });

  test('the dry run runs nothing: aws, docker and terraform are never called', () => {
    const { calls: made } = deployDryRun();
    assert.deepEqual(made, []);
  });

  test('what the script asks Terraform for exists: outputs, variables, -target addresses', async () => {
    const { out } = deployDryRun();
    const env = await loadEnv();
    const script = readFileSync(path.join(repoRoot, 'scripts/deploy'), 'utf8');
    for (const [, output] of `${out}\n${script}`.matchAll(/output -raw ([a-z_]+)/g)) {
      assert.ok(env.outputs[output], `output ${output}`);
    }
    for (const [, output] of script.matchAll(/tf_output "[^"]*" ([a-z_]+)/g)) assert.ok(env.outputs[output], `output ${output}`);
    for (const [, variable] of `${out}\n${script}`.matchAll(/-var=["']?([a-z_]+)=/g)) assert.ok(env.variables[variable], `variable ${variable}`);
    assert.ok(env.moduleCalls.registry);
    assert.ok(env.moduleCalls.functions.functions['products-migrate']);
    assert.match(env.outputs.migrate_function_name.value, /function_names\["products-migrate"\]/);
  });

  test('make destroy DRY_RUN=1: confirmation, database protection off on purpose, then destroy', () => {
    const fakes = stubs();
    const { status, out } = run('make', ['destroy', 'DRY_RUN=1'], { env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1' } });
    assert.equal(status, 0, out);
    assert.match(out, /would ask to type 'dev'/);
    assertInOrder(commands(out), [
      /^aws sts get-caller-identity/,
      /^terraform -chdir=terraform\/envs\/dev init /,
      /^terraform .* apply .*-var=db_deletion_protection=false -target=module\.database\.aws_db_instance\.this$/,
      /^terraform -chdir=terraform\/envs\/dev destroy -input=false -auto-approve -var=region=eu-west-1 -var=db_deletion_protection=false$/,
    ]);
    assert.deepEqual(calls(fakes.log), []);
  });

  test('preflight: missing tools are named, with where to get them', () => {
    const { status, out } = run(path.join(repoRoot, 'scripts/deploy'), ['deploy'], { env: { PATH: barePath(), AWS_REGION: 'eu-west-1' } });
    assert.equal(status, 1, out);
    assert.match(out, /missing: aws docker terraform/);
    assert.match(out, /make deploy DRY_RUN=1/);
  });

  test('preflight: Terraform older than 1.10 is refused', () => {
    const fakes = stubs();
    const { status, out } = run('scripts/deploy', ['deploy'], { env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1', STUB_TERRAFORM_VERSION: '1.5.7' } });
    assert.equal(status, 1, out);
    assert.match(out, /Terraform 1\.5\.7 is too old: 1\.10 or newer/);
  });

  test('preflight: no region, no credentials, no state bucket each stop with what to do', () => {
    const fakes = stubs();
    const env = { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: '', AWS_DEFAULT_REGION: '' };
    let result = run('scripts/deploy', ['deploy'], { env });
    assert.equal(result.status, 1, result.out);
    assert.match(result.out, /no AWS region: set AWS_REGION/);

    result = run('scripts/deploy', ['deploy'], { env: { ...env, AWS_REGION: 'eu-west-1', STUB_NO_CREDENTIALS: '1' } });
    assert.equal(result.status, 1, result.out);
    assert.match(result.out, /no AWS credentials/);

    result = run('scripts/deploy', ['deploy'], { env: { ...env, AWS_REGION: 'eu-west-1', STUB_NO_BUCKET: '1' } });
    assert.equal(result.status, 1, result.out);
    assert.match(result.out, /state bucket serverless-shop-tfstate-123456789012-eu-west-1 does not exist/);
    assert.match(result.out, /aws s3api create-bucket --bucket serverless-shop-tfstate-123456789012-eu-west-1 --region eu-west-1/);
    assert.ok(!calls(fakes.log).some((c) => /^(terraform (init|apply|destroy)|docker (build|push))/.test(c)), 'nothing deployed after a failed preflight');
  });

  test('make destroy asks first: a wrong answer deletes nothing', () => {
    const fakes = stubs();
    const { status, out } = run('scripts/deploy', ['destroy'], { input: 'no\n', env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1' } });
    assert.equal(status, 1, out);
    assert.match(out, /not confirmed: nothing was deleted/);
    assert.ok(!calls(fakes.log).some((c) => /^terraform .*(apply|destroy)/.test(c)), calls(fakes.log).join('\n'));
  });
});
