// The deploy script, proven by its dry run (no AWS account, Docker or Terraform here), by its
// preflight against stand-ins for aws, docker and terraform that record every call, by its smoke
// check against a local HTTP server, and by the real Terraform (when installed, with the provider
// mirror) evaluating what the preflight asks it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv, repoRoot } from './lib/terraform.mjs';

// What Terraform answers by default: the environment's reservations (25, as its variables say),
// "terraform output -raw <name>" from STUB_OUTPUT_<name>; what AWS answers: a roomy account, and
// functions that do not exist yet unless STUB_HELD names their reservations; what make verify
// answers: a passing run, or STUB_VERIFY_OUTPUT and STUB_VERIFY_EXIT.
const RESERVATIONS = 'serverless-shop-dev-orders=10 serverless-shop-dev-orders-pending-releases=1 serverless-shop-dev-products=10 serverless-shop-dev-products-images=2 serverless-shop-dev-products-migrate=1 serverless-shop-dev-products-sweep=1';
const STUB = `#!/usr/bin/env bash
tool=$(basename "$0")
echo "$tool $*" >> "$STUB_LOG"
case "$tool $1 $2" in
  "terraform version"*) echo "{\\"terraform_version\\": \\"\${STUB_TERRAFORM_VERSION:-1.11.4}\\"}" ;;
  "terraform -chdir="*" console") cat >/dev/null; echo "\\"\${STUB_RESERVATIONS:-${RESERVATIONS}}\\"" ;;
  "terraform -chdir="*" output")
    name="STUB_OUTPUT_\${4:-}"
    printf '%s' "\${!name:-}" ;;
  "make verify"*)
    echo "token commands: customer \${TOKEN_CMD:-none}, administrator \${ADMIN_TOKEN_CMD:-none}"
    echo "\${STUB_VERIFY_OUTPUT:-9 passed, 0 failed, 7 skipped}"; exit "\${STUB_VERIFY_EXIT:-0}" ;;
  "aws sts"*) [[ -n "\${STUB_NO_CREDENTIALS:-}" ]] && exit 255; echo 123456789012 ;;
  "aws configure"*) exit 1 ;;
  "aws s3api"*) [[ -n "\${STUB_NO_BUCKET:-}" ]] && exit 254 ;;
  "aws lambda get-account-settings") printf '%s\\t%s\\n' "\${STUB_QUOTA:-1000}" "\${STUB_UNRESERVED:-1000}" ;;
  "aws lambda get-function-concurrency")
    fn=$(sed -n 's/.*--function-name \\([^ ]*\\).*/\\1/p' <<<"$*")
    for held in \${STUB_HELD:-}; do
      [[ "\${held%=*}" == "$fn" ]] && { echo "\${held##*=}"; exit 0; }
    done
    echo "An error occurred (ResourceNotFoundException) when calling the GetFunctionConcurrency operation: Function not found: $fn" >&2
    exit 254 ;;
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

// Like run(), but without blocking this process: the smoke check's tests serve HTTP from here.
function runAsync(command, args, { env = {} } = {}) {
  const base = { ...process.env };
  for (const name of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'DRY_RUN', 'AUTO_APPROVE', 'TF_STATE_BUCKET', 'DEPLOY_ENV']) delete base[name];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...base, ...env } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, out }); });
  });
}

// A stand-in for the deployed shop on 127.0.0.1: answer(path, hits so far) gives [status, type, body]
// or nothing for what the deployed shop answers. The site is at its root, the API at /api.
async function withShop(answer, fn) {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(req.url);
    const shop = {
      '/': [200, 'text/html; charset=utf-8', '<!doctype html><title>serverless-shop</title>'],
      '/config.json': [200, 'application/json', '{"api_base_url":""}'],
      '/products': [200, 'application/json', '{"items":[]}'],
      // The API's own URL, behind CloudFront: the functions' origin guard refuses it.
      '/api/products': [403, 'application/problem+json', '{"code":"FORBIDDEN"}'],
      '/customers/smoke-check/orders': [401, 'application/json', '{"message":"Unauthorized"}'],
      // The administrators' API under /admin (CloudFront takes the prefix off), and at its own URL.
      '/admin/customers/smoke-check/orders': [401, 'application/json', '{"message":"Unauthorized"}'],
      '/admin-api/products': [403, 'application/problem+json', '{"code":"FORBIDDEN"}'],
    };
    const [status, type, body] = answer(req.url, hits.filter((h) => h === req.url).length) ?? shop[req.url] ?? [404, 'text/plain', 'Not Found'];
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    return await fn(base, hits);
  } finally {
    server.close();
  }
}

async function smoke(answer, extraEnv = {}) {
  return withShop(answer, async (base, hits) => {
    const fakes = stubs(['aws', 'terraform', 'make']);
    const result = await runAsync('scripts/deploy', ['smoke'], {
      env: {
        PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1',
        STUB_OUTPUT_site_url: base, STUB_OUTPUT_api_url: `${base}/api`, STUB_OUTPUT_admin_api_url: `${base}/admin-api`,
        STUB_OUTPUT_cloudfront_distribution_id: 'E2EXAMPLE',
        SMOKE_TIMEOUT: '3', SMOKE_INTERVAL: '1', ...extraEnv,
      },
    });
    return { ...result, hits, calls: calls(fakes.log) };
  });
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
      /^terraform -chdir=terraform\/envs\/dev init .*-backend-config=bucket=serverless-shop-tfstate-<account-id>-eu-west-1.*-backend-config=region=eu-west-1/,
      // The concurrency check, before the build: what this deploy reserves (from Terraform), the account's.
      /^echo local\.concurrency_reservations \| terraform -chdir=terraform\/envs\/dev console -var=region=eu-west-1$/,
      /^aws lambda get-account-settings --region eu-west-1 --query '\[AccountLimit\.ConcurrentExecutions, AccountLimit\.UnreservedConcurrentExecutions\]' --output text$/,
      /^aws lambda get-function-concurrency --region eu-west-1 --function-name '<each function of dev>' --query ReservedConcurrentExecutions --output text$/,
      /^\.\/mvnw -B -ntp -DskipTests package$/,
      ...(site ? [/^npm ci$/, /^npm run build -w static-site$/] : []),
      /^terraform -chdir=terraform\/envs\/dev apply -input=false -auto-approve -var=region=eu-west-1 -target=module\.registry$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw ecr_registry$/,
      /^aws ecr get-login-password --region eu-west-1 \| docker login --username AWS --password-stdin/,
      // Repositories per environment: serverless-shop-<environment>/<image>.
      /^docker build --platform linux\/amd64 --provenance=false -t '<account-id>\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/serverless-shop-dev\/products:[0-9a-f]{12}-\d{14}(-dirty)?' products-impl\/target\/lambda$/,
      /^docker push .*serverless-shop-dev\/products:/,
      /^aws ecr describe-images --region eu-west-1 --repository-name serverless-shop-dev\/products /,
      /^docker build --platform linux\/amd64 --provenance=false -t .*serverless-shop-dev\/orders:.* orders-impl\/target\/lambda$/,
      /^docker push .*serverless-shop-dev\/orders:/,
      /^aws ecr describe-images --region eu-west-1 --repository-name serverless-shop-dev\/orders /,
      // The user pools on their own, then their signing keys, which every apply after it gives the functions.
      /^terraform -chdir=terraform\/envs\/dev apply -input=false -auto-approve -var=region=eu-west-1 -target=module\.auth\.aws_cognito_user_pool\.this -target=module\.auth\.aws_cognito_user_pool\.admin$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw user_pool_jwks_url$/,
      /^curl --silent --show-error --fail .*'https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/<user pool id>\/\.well-known\/jwks\.json'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw admin_user_pool_jwks_url$/,
      /^curl --silent --show-error --fail .*'https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/<admin user pool id>\/\.well-known\/jwks\.json'$/,
      /^terraform .* apply .*products_image_digest=sha256:.*orders_image_digest=sha256:.*'-var=user_pool_jwks=\{"keys":\[<public keys of the user pool>\]\}' '-var=admin_user_pool_jwks=\{"keys":\[<public keys of the admin user pool>\]\}' '-target=module\.functions\.aws_lambda_function\.this\["products-migrate"\]'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw migrate_function_name$/,
      // No read timeout: the migrations may run up to the function's 300 s (the CLI's default is 60 s).
      /^aws lambda invoke --region eu-west-1 --function-name serverless-shop-dev-products-migrate --cli-read-timeout 0 --cli-connect-timeout 10 .*--payload '\{\}'/,
      /^terraform -chdir=terraform\/envs\/dev apply -input=false -auto-approve -var=region=eu-west-1 -var=architecture=x86_64 '-var=products_image_digest=sha256:[^']+' '-var=orders_image_digest=sha256:[^']+' '-var=user_pool_jwks=\{"keys":\[<public keys of the user pool>\]\}' '-var=admin_user_pool_jwks=\{"keys":\[<public keys of the admin user pool>\]\}'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw site_bucket$/,
      ...(site ? [/^aws s3 sync static-site\/dist 's3:\/\/<site bucket>\/' --region eu-west-1 --delete --exclude config\.json$/] : []),
      /^aws cloudfront create-invalidation --distribution-id '<distribution id>' --paths '\/\*'$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw site_url$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw api_url$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw admin_api_url$/,
      /^terraform -chdir=terraform\/envs\/dev output -raw admin_user_pool_id$/,
      // The smoke check ends it: the site, its configuration, the catalogue through the site, the
      // API's own URL (refused), a protected route without a token; the administrators' API under
      // /admin without a token, and its own URL (refused). Public reads only: nothing signs in.
      /^curl .*--write-out '%\{http_code\} %\{content_type\}' 'https:\/\/<distribution>\.cloudfront\.net\/'$/,
      /^curl .* 'https:\/\/<distribution>\.cloudfront\.net\/config\.json'$/,
      /^curl .* 'https:\/\/<distribution>\.cloudfront\.net\/products'$/,
      /^curl .* 'https:\/\/<api-id>\.execute-api\.eu-west-1\.amazonaws\.com\/products'$/,
      /^curl .* 'https:\/\/<distribution>\.cloudfront\.net\/customers\/smoke-check\/orders'$/,
      /^curl .* 'https:\/\/<distribution>\.cloudfront\.net\/admin\/customers\/smoke-check\/orders'$/,
      /^curl .* 'https:\/\/<admin-api-id>\.execute-api\.eu-west-1\.amazonaws\.com\/products'$/,
      // Then make verify: the contract checks, read-only, against the API at the site's origin, without
      // an administrator's token (that takes a TOTP code).
      /^env -u ADMIN_TOKEN_CMD make verify 'URL=https:\/\/<distribution>\.cloudfront\.net'$/,
    ]);
    const last = commands(out).at(-1);
    assert.match(last, /^env -u ADMIN_TOKEN_CMD make verify 'URL=/, 'make verify is the last step');
    assert.match(out, /protected route without a token: expects 401/);
    assert.match(out, /API's own URL refuses: expects 403 application\/problem\+json/);
    assert.match(out, /Swagger UI: not deployed to AWS/);
    assert.match(out, /admin route without a token: expects 401/);
    assert.match(out, /admin API's own URL refuses: expects 403 application\/problem\+json/);
    assert.match(out, /smoke check: 7 checks \(dry run: nothing was checked\)/);
    for (const heading of ['Preflight', 'Terraform init', 'Preflight: Lambda concurrency', 'Build: the functions', 'Images: build and push', 'Database migrations', 'Terraform: everything', 'Site: upload', 'Addresses', 'Smoke check', 'Contract check']) {
      assert.match(out, new RegExp(`==> ${heading}`), heading);
    }
    assert.match(out, /Shop +https:\/\/<distribution>\.cloudfront\.net\//);
    // Behind CloudFront the API is at the shop's address; its own URL is named as the one that refuses.
    assert.match(out, /API +https:\/\/<distribution>\.cloudfront\.net\/products, \/orders, \/customers\/\{id\}\/orders +\(its own URL, https:\/\/<api-id>\.execute-api\.eu-west-1\.amazonaws\.com, refuses requests that bypass CloudFront\)/);
    assert.match(out, /Sign in +https:\/\/<domain>\.auth\.eu-west-1\.amazoncognito\.com/);
    // Administrators: their own sign-in (TOTP) and API under /admin; the operator creates each one.
    assert.match(out, /Admin API +https:\/\/<distribution>\.cloudfront\.net\/admin\/\.\.\. +\(the same routes for administrators' tokens; its own URL, https:\/\/<admin-api-id>\.execute-api\.eu-west-1\.amazonaws\.com, refuses/);
    assert.match(out, /Admin +https:\/\/<domain>-admin\.auth\.eu-west-1\.amazoncognito\.com +\("Administrator sign-in" on the shop: password, then an authenticator app's code\)/);
    assert.match(out, /New admin +aws cognito-idp admin-create-user --region eu-west-1 --user-pool-id <admin user pool id> --username <e-mail> /);
    assert.match(out, /aws cognito-idp admin-add-user-to-group --region eu-west-1 --user-pool-id <admin user pool id> --group-name admin --username <e-mail>/);
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
    // The concurrency check's expression names a local of the environment.
    const [, local] = script.match(/^concurrency_expression=local\.([a-z_]+)$/m);
    assert.ok(env.locals[local], `local ${local}`);
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
    assert.match(out, /missing: aws docker terraform curl/);
    assert.match(out, /make deploy DRY_RUN=1/);
  });

  test('preflight: Terraform older than 1.11 is refused', () => {
    const fakes = stubs();
    const { status, out } = run('scripts/deploy', ['deploy'], { env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1', STUB_TERRAFORM_VERSION: '1.5.7' } });
    assert.equal(status, 1, out);
    assert.match(out, /Terraform 1\.5\.7 is too old: 1\.11 or newer/);
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

  test('preflight: a Lambda concurrency quota too small for the reservations is refused before the build, with the fix', () => {
    const fakes = stubs();
    const { status, out } = run('scripts/deploy', ['deploy'], { env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1', STUB_QUOTA: '10', STUB_UNRESERVED: '10' } });
    assert.equal(status, 1, out);
    assert.match(out, /this deploy reserves 25 concurrent executions .* needs 125 of the account's concurrency in eu-west-1, and 10 are available/);
    assert.match(out, /aws service-quotas request-service-quota-increase --region eu-west-1 --service-code lambda --quota-code L-B99A9384 --desired-value 125/);
    assert.match(out, /TF_VAR_reserve_concurrency=false make deploy/);
    assert.doesNotMatch(out, /==> Build: the functions/, 'refused before the build');
    const made = calls(fakes.log);
    assert.ok(made.includes('terraform -chdir=terraform/envs/dev console -var=region=eu-west-1'), made.join('\n'));
    assert.equal(made.filter((c) => c.startsWith('aws lambda get-function-concurrency --region eu-west-1 --function-name serverless-shop-dev-')).length, 6);
    assert.ok(!made.some((c) => /^(terraform .*(apply|destroy)|docker (build|push))/.test(c)), made.join('\n'));
  });

  test('preflight: what this environment\'s functions reserve already is available to this deploy again', () => {
    // A quota of 125 with this environment deployed: 100 unreserved, its own 25 reserved.
    const fakes = stubs();
    const env = { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1', STUB_QUOTA: '125', STUB_UNRESERVED: '100' };
    let result = run('scripts/deploy', ['preflight'], { env: { ...env, STUB_HELD: RESERVATIONS } });
    assert.equal(result.status, 0, result.out);
    assert.match(result.out, /dev's functions reserve 25 now/);
    assert.match(result.out, /ok: 100 stay unreserved/);
    assert.match(result.out, /Preflight passed/);
    // The same account when those 25 belong to something else: refused.
    result = run('scripts/deploy', ['preflight'], { env });
    assert.equal(result.status, 1, result.out);
    assert.match(result.out, /needs 125 .* and 100 are available/);
    assert.match(result.out, /--desired-value 150/);
  });

  test('preflight: with reserve_concurrency = false nothing is reserved, and a small quota is fine', () => {
    const fakes = stubs();
    const none = RESERVATIONS.replace(/=\d+/g, '=0');
    const { status, out } = run('scripts/deploy', ['preflight'], { env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1', STUB_QUOTA: '10', STUB_UNRESERVED: '10', STUB_RESERVATIONS: none } });
    assert.equal(status, 0, out);
    assert.match(out, /ok: no reservations \(reserve_concurrency = false\)/);
  });

  test('the concurrency check asks the real Terraform what the functions reserve (25; none with reserve_concurrency = false)', (t) => {
    const plugins = process.env.TF_PLUGIN_DIR ?? '/opt/tf-plugins';
    if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0 || !existsSync(plugins)) {
      // Under CI=true nothing may skip for want of a tool.
      assert.notEqual(process.env.CI, 'true', `CI: this test needs terraform and the provider mirror at ${plugins}`);
      t.skip(`needs terraform and the provider mirror at ${plugins}`);
      return;
    }
    // The expression exactly as the dry run shows it, evaluated in a copy of terraform/ whose
    // backend is local (no bucket here) next to the files the configuration reads.
    const [, expression] = deployDryRun().out.match(/^\+ echo (\S+) \| terraform -chdir=terraform\/envs\/dev console -var=region=eu-west-1$/m);
    const root = mkdtempSync(path.join(tmpdir(), 'deploy-console-'));
    cpSync(path.join(repoRoot, 'terraform'), path.join(root, 'terraform'), { recursive: true, filter: (src) => !/[\\/](\.terraform|test)$/.test(src) });
    // console loads the environment's test files too, whose mock_provider reads the shared mocks.
    cpSync(path.join(repoRoot, 'terraform/test/mocks'), path.join(root, 'terraform/test/mocks'), { recursive: true });
    mkdirSync(path.join(root, 'api-spec/target'), { recursive: true });
    writeFileSync(path.join(root, 'api-spec/target/routes.json'), '{"routes": []}');
    const table = 'orders-impl/src/main/resources/dynamodb/orders-table.json';
    mkdirSync(path.dirname(path.join(root, table)), { recursive: true });
    cpSync(path.join(repoRoot, table), path.join(root, table));
    const dir = path.join(root, 'terraform/envs/dev');
    writeFileSync(path.join(dir, 'backend_override.tf'), 'terraform {\n  backend "local" {}\n}\n');
    const env = { ...process.env, TF_IN_AUTOMATION: '1', AWS_EC2_METADATA_DISABLED: 'true' };
    const init = spawnSync('terraform', ['init', '-input=false', `-plugin-dir=${plugins}`], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(init.status, 0, init.stdout + init.stderr);
    const evaluate = (extra = {}) => {
      const result = spawnSync('terraform', ['console', '-var=region=eu-west-1'], { cwd: dir, env: { ...env, ...extra }, input: `${expression}\n`, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      return result.stdout.trim().split('\n').at(-1);
    };
    // The stand-in's default answer is what the real configuration says.
    assert.equal(evaluate(), `"${RESERVATIONS}"`);
    // TF_VAR_* reach it as they reach the apply.
    assert.equal(evaluate({ TF_VAR_reserve_concurrency: 'false' }), `"${RESERVATIONS.replace(/=\d+/g, '=0')}"`);
  });

  test('smoke check: the deployed URLs answering as expected pass, each printed with its answer', async () => {
    const { status, out } = await smoke(() => undefined);
    assert.equal(status, 0, out);
    for (const name of ['site', 'site configuration', 'products through the site', "API's own URL refuses", 'protected route without a token', 'admin route without a token', "admin API's own URL refuses"]) {
      assert.match(out, new RegExp(`^ +ok +${name} +http://127\\.0\\.0\\.1:\\d+/\\S* +\\(\\d{3}`, 'm'), name);
    }
    assert.match(out, /ok +protected route without a token +\S+\/customers\/smoke-check\/orders +\(401 application\/json, 1 try\)/);
    assert.match(out, /ok +admin route without a token +\S+\/admin\/customers\/smoke-check\/orders +\(401 application\/json, 1 try\)/);
    assert.match(out, /ok +admin API's own URL refuses +\S+\/admin-api\/products +\(403 application\/problem\+json, 1 try\)/);
    assert.match(out, /smoke check: 7 of 7 passed/);
  });

  test('smoke check: then make verify holds the API at the site\'s origin to the contracts, read-only', async () => {
    const { status, out, calls: made } = await smoke(() => undefined);
    assert.equal(status, 0, out);
    const [site] = out.match(/http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(made.filter((c) => c.startsWith('make ')), [`make verify URL=${site}`]);
    assert.match(out, /==> Contract check: make verify against the deployed API \(read-only; public reads and the shopper's flow\)\n\+ env -u ADMIN_TOKEN_CMD make verify URL=http:\/\/127\.0\.0\.1:\d+\n.*\n9 passed, 0 failed, 7 skipped/);
  });

  test('smoke check: make verify gets the customer\'s token command, never an administrator\'s (that takes a TOTP code)', async () => {
    const { status, out } = await smoke(() => undefined, { TOKEN_CMD: 'echo customer-token', ADMIN_TOKEN_CMD: 'echo admin-token' });
    assert.equal(status, 0, out);
    assert.match(out, /token commands: customer echo customer-token, administrator none/);
  });

  test('smoke check: the administrators\' API reached around CloudFront, or /admin not reaching it, fails the deploy', async () => {
    const around = await smoke((url) => (url === '/admin-api/products' ? [200, 'application/json', '{"items":[]}'] : undefined));
    assert.equal(around.status, 1, around.out);
    assert.match(around.out, /FAIL +admin API's own URL refuses +\S+\/admin-api\/products +\(200 application\/json, expected 403/);
    // The prefix left on: the administrators' API has no /admin route, API Gateway answers 404.
    const prefixed = await smoke((url) => (url === '/admin/customers/smoke-check/orders' ? [404, 'application/json', '{"message":"Not Found"}'] : undefined));
    assert.equal(prefixed.status, 1, prefixed.out);
    assert.match(prefixed.out, /FAIL +admin route without a token .*\(404 application\/json, expected 401/);
  });

  test('smoke check: a failed make verify fails the deploy, with how to check again', async () => {
    const { status, out } = await smoke(() => undefined, { STUB_VERIFY_OUTPUT: '  FAIL  get one product, with its ETag: expected 200, got 418\n8 passed, 1 failed, 7 skipped', STUB_VERIFY_EXIT: '1' });
    assert.equal(status, 1, out);
    assert.match(out, /FAIL  get one product/);
    assert.match(out, /make verify failed \(above\): the deployed API answers what the contracts do not say/);
    assert.match(out, /Check again without deploying: make verify URL=http:\/\/127\.0\.0\.1:\d+ \(TOKEN_CMD=/);
  });

  test('smoke check: a URL that still fails after the retries fails the deploy, named, with what to look at', async () => {
    const { status, out, hits, calls: made } = await smoke((url) => (url === '/products' ? [500, 'application/json', '{}'] : undefined));
    assert.equal(status, 1, out);
    assert.match(out, /FAIL +products through the site +\S+\/products +\(500 application\/json, expected 200 application\/json, \d+ tries\)/);
    assert.match(out, /smoke check: 6 of 7 passed/);
    assert.match(out, /the smoke check failed: products through the site/);
    assert.match(out, /aws logs tail \/aws\/lambda\/serverless-shop-dev-products --region eu-west-1/);
    assert.match(out, /scripts\/deploy smoke/);
    assert.ok(hits.filter((h) => h === '/products').length >= 2, `retried: ${hits.join(' ')}`);
    assert.ok(!made.some((c) => c.startsWith('make ')), 'no contract check of URLs that do not answer');
  });

  test('smoke check: the API\'s own URL serving the catalogue around CloudFront fails the deploy', async () => {
    const { status, out } = await smoke((url) => (url === '/api/products' ? [200, 'application/json', '{"items":[]}'] : undefined));
    assert.notEqual(status, 0, out);
    assert.match(out, /FAIL +API's own URL refuses +\S+\/api\/products +\(200 application\/json, expected 403 application\/problem\+json/);
    assert.match(out, /the smoke check failed: API's own URL refuses/);
  });

  test('smoke check: a protected route that answers without a token fails', async () => {
    const { status, out } = await smoke((url) => (url === '/customers/smoke-check/orders' ? [200, 'application/json', '{"items":[]}'] : undefined));
    assert.equal(status, 1, out);
    assert.match(out, /FAIL +protected route without a token .*\(200 application\/json, expected 401/);
  });

  test('smoke check: retries while the site is not answering yet (CloudFront deploying)', async () => {
    const { status, out } = await smoke((url, n) => (url === '/' && n <= 2 ? [503, 'text/html', 'not yet'] : undefined), { SMOKE_TIMEOUT: '30', SMOKE_INTERVAL: '0' });
    assert.equal(status, 0, out);
    assert.match(out, /ok +site +\S+ +\(200 text\/html; charset=utf-8, 3 tries\)/);
  });

  test('scripts/deploy passes shellcheck', (t) => {
    const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      assert.notEqual(process.env.CI, 'true', 'CI: shellcheck is needed (apt-get install -y shellcheck; .ci/run installs it)');
      t.skip('shellcheck is not installed (apt-get install -y shellcheck)');
      return;
    }
    const result = spawnSync('shellcheck', ['scripts/deploy'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  test('make destroy asks first: a wrong answer deletes nothing', () => {
    const fakes = stubs();
    const { status, out } = run('scripts/deploy', ['destroy'], { input: 'no\n', env: { PATH: `${fakes.bin}:${process.env.PATH}`, STUB_LOG: fakes.log, AWS_REGION: 'eu-west-1' } });
    assert.equal(status, 1, out);
    assert.match(out, /not confirmed: nothing was deleted/);
    assert.ok(!calls(fakes.log).some((c) => /^terraform .*(apply|destroy)/.test(c)), calls(fakes.log).join('\n'));
  });
});
