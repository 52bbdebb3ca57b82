// Security properties, each test named after the checkov rule it mirrors (checkov itself cannot run
// here: it needs Python packages this project does not install, and it would not see through the
// for_each maps the way these tests do).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, loadEnv, loadModuleNamed, moduleNames, readJson, readText, resolveVariable, strings, unwrap } from './lib/terraform.mjs';

// The only actions allowed on "*": IAM accepts nothing narrower for them.
const UNRESTRICTABLE = ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

async function functionsCall() {
  return (await loadEnv()).moduleCalls.functions;
}

// A function's policy_statements: local.x, or concat(local.x, local.y), resolved to statement objects.
async function statementsOf(fn) {
  const env = await loadEnv();
  const expression = unwrap(fn.policy_statements);
  const names = [...expression.matchAll(/local\.([a-z_]+)/g)].map((m) => m[1]);
  assert.match(expression, /^(local\.[a-z_]+|concat\((local\.[a-z_]+,?\s*)+\))$/, expression);
  return names.flatMap((n) => env.locals[n]);
}

// Every IAM statement written anywhere: aws_iam_policy_document data sources and the environment's.
async function allStatements() {
  const found = [];
  for (const name of moduleNames()) {
    for (const [doc, body] of Object.entries((await loadModuleNamed(name)).dataSources('aws_iam_policy_document'))) {
      for (const statement of body.statement ?? []) found.push({ where: `${name}: ${doc}`, statement });
      for (const dynamic of body.dynamic?.statement ?? []) {
        const statement = dynamic.content[0];
        // The functions module's statements come from its input: checked below as the environment's
        // locals, and by the module's own validation.
        if (statement.actions === '${statement.value.actions}') continue;
        found.push({ where: `${name}: ${doc} (dynamic)`, statement });
      }
    }
  }
  const env = await loadEnv();
  for (const [name, value] of Object.entries(env.locals)) {
    if (name.endsWith('_statements')) for (const statement of value) found.push({ where: `env: ${name}`, statement });
  }
  return found;
}

describe('Security properties (checkov rules)', () => {
  test('CKV_AWS_16: RDS storage is encrypted', async () => {
    assert.equal((await loadModuleNamed('database')).resource('aws_db_instance', 'this').storage_encrypted, true);
  });

  test('CKV_AWS_17: RDS is not publicly accessible, and lives in the private subnets', async () => {
    const db = await loadModuleNamed('database');
    assert.equal(db.resource('aws_db_instance', 'this').publicly_accessible, false);
    assert.equal((await loadEnv()).moduleCalls.database.subnet_ids, '${module.network.private_subnet_ids}');
    const network = await loadModuleNamed('network');
    assert.equal(network.resource('aws_route_table_association', 'private').route_table_id, '${aws_route_table.private[each.key].id}');
    assert.match(network.resource('aws_route', 'private_nat').nat_gateway_id, /aws_nat_gateway/);
    assert.equal(network.resource('aws_route', 'private_nat').gateway_id, undefined, 'no internet gateway route in private subnets');
  });

  test('RDS master password managed by RDS in Secrets Manager: no password in Terraform or its state', async () => {
    const db = await loadModuleNamed('database');
    const instance = db.resource('aws_db_instance', 'this');
    assert.equal(instance.manage_master_user_password, true);
    assert.equal(instance.password, undefined);
    assert.equal(instance.password_wo, undefined);
    assert.ok(!Object.keys((await loadModuleNamed('database')).resources('aws_secretsmanager_secret_version')).length);
  });

  test('CKV_AWS_293, CKV_AWS_133: RDS deletion protection and backups are variables, on by default', async () => {
    const db = await loadModuleNamed('database');
    const instance = db.resource('aws_db_instance', 'this');
    assert.equal(instance.deletion_protection, '${var.deletion_protection}');
    assert.equal(instance.backup_retention_period, '${var.backup_retention_days}');
    assert.equal(resolveVariable(db, instance.deletion_protection), true);
    assert.ok(resolveVariable(db, instance.backup_retention_period) >= 7);
    const env = await loadEnv();
    assert.equal(resolveVariable(env, env.moduleCalls.database.deletion_protection), true);
    assert.ok(resolveVariable(env, env.moduleCalls.database.backup_retention_days) >= 7);
  });

  test('RDS refuses unencrypted connections (require_secure_transport), MySQL 8', async () => {
    const db = await loadModuleNamed('database');
    const parameters = db.resource('aws_db_parameter_group', 'this').parameter;
    assert.deepEqual(parameters.find((p) => p.name === 'require_secure_transport'), { name: 'require_secure_transport', value: '1' });
    assert.equal(db.resource('aws_db_instance', 'this').engine, 'mysql');
    assert.match(resolveVariable(db, '${var.engine_version}'), /^8\./);
  });

  test('RDS Proxy is an option, off by default, TLS required', async () => {
    const db = await loadModuleNamed('database');
    const proxy = db.resource('aws_db_proxy', 'this');
    assert.equal(proxy.count, '${var.enable_proxy ? 1 : 0}');
    assert.equal(proxy.require_tls, true);
    assert.equal(resolveVariable(db, '${var.enable_proxy}'), false);
    assert.equal(proxy.auth[0].secret_arn, '${aws_db_instance.this.master_user_secret[0].secret_arn}');
  });

  test('CKV_AWS_28: DynamoDB point-in-time recovery', async () => {
    const table = (await loadModuleNamed('orders_table')).resource('aws_dynamodb_table', 'this');
    assert.deepEqual(table.point_in_time_recovery, [{ enabled: true }]);
  });

  test('CKV_AWS_119: DynamoDB encrypted with a customer managed KMS key (CKV_AWS_7: rotated)', async () => {
    const module = await loadModuleNamed('orders_table');
    const table = module.resource('aws_dynamodb_table', 'this');
    assert.deepEqual(table.server_side_encryption, [{ enabled: true, kms_key_arn: '${aws_kms_key.this.arn}' }]);
    assert.equal(module.resource('aws_kms_key', 'this').enable_key_rotation, true);
  });

  test('CKV2_AWS_6: the site bucket blocks all public access (CloudFront hosting, the default)', async () => {
    const site = await loadModuleNamed('site');
    const block = site.resource('aws_s3_bucket_public_access_block', 'this');
    const locals = site.locals;
    const scope = { var: { hosting: resolveVariable(site, '${var.hosting}') } };
    scope.local = { cloudfront: evaluate(locals.cloudfront, scope) };
    scope.local.private = evaluate(locals.private, scope);
    for (const setting of ['block_public_acls', 'ignore_public_acls', 'block_public_policy', 'restrict_public_buckets']) {
      assert.equal(evaluate(block[setting], scope), true, setting);
    }
    const env = await loadEnv();
    assert.equal(env.moduleCalls.site.hosting, '${var.site_hosting}');
    assert.equal(env.variables.site_hosting.default, 'cloudfront');
    assert.equal(site.resource('aws_s3_bucket_ownership_controls', 'this').rule[0].object_ownership, 'BucketOwnerEnforced');
    assert.ok(site.resource('aws_s3_bucket_server_side_encryption_configuration', 'this'));
  });

  test('CloudFront reads the bucket through origin access control (SigV4), and only this distribution may', async () => {
    const site = await loadModuleNamed('site');
    const oac = site.resource('aws_cloudfront_origin_access_control', 'this');
    assert.equal(oac.origin_access_control_origin_type, 's3');
    assert.equal(oac.signing_behavior, 'always');
    assert.equal(oac.signing_protocol, 'sigv4');
    const distribution = site.resource('aws_cloudfront_distribution', 'this');
    const siteOrigin = distribution.origin.find((o) => o.origin_id === 'site');
    assert.equal(siteOrigin.origin_access_control_id, '${aws_cloudfront_origin_access_control.this[0].id}');
    assert.equal(siteOrigin.s3_origin_config, undefined, 'no legacy origin access identity');
    const read = site.data('aws_iam_policy_document', 'bucket').dynamic.statement[0].content[0];
    assert.deepEqual(read.actions, ['s3:GetObject']);
    assert.deepEqual(read.principals, [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }]);
    assert.deepEqual(read.condition, [{ test: 'StringEquals', variable: 'AWS:SourceArn', values: ['${aws_cloudfront_distribution.this[0].arn}'] }]);
  });

  test('CKV_AWS_34: CloudFront serves HTTPS only (viewers and the API origin)', async () => {
    const distribution = (await loadModuleNamed('site')).resource('aws_cloudfront_distribution', 'this');
    assert.equal(distribution.default_cache_behavior[0].viewer_protocol_policy, 'redirect-to-https');
    assert.equal(distribution.dynamic.ordered_cache_behavior[0].content[0].viewer_protocol_policy, 'https-only');
    const api = distribution.origin.find((o) => o.origin_id === 'api').custom_origin_config[0];
    assert.equal(api.origin_protocol_policy, 'https-only');
    assert.deepEqual(api.origin_ssl_protocols, ['TLSv1.2']);
  });

  test('CloudFront sends /products*, /orders*, /customers* to the API uncached: every route is behind one', async () => {
    const site = await loadModuleNamed('site');
    const behaviour = site.resource('aws_cloudfront_distribution', 'this').dynamic.ordered_cache_behavior[0];
    assert.equal(behaviour.for_each, '${var.api_path_patterns}');
    assert.equal(behaviour.content[0].target_origin_id, 'api');
    assert.equal(behaviour.content[0].cache_policy_id, '${data.aws_cloudfront_cache_policy.disabled.id}');
    assert.equal(site.data('aws_cloudfront_cache_policy', 'disabled').name, 'Managed-CachingDisabled');
    assert.equal(site.data('aws_cloudfront_origin_request_policy', 'api').name, 'Managed-AllViewerExceptHostHeader');
    const patterns = resolveVariable(site, '${var.api_path_patterns}');
    assert.deepEqual(patterns, ['/products*', '/orders*', '/customers*']);
    for (const route of readJson('api-spec/target/routes.json').routes) {
      assert.ok(patterns.some((p) => route.path.startsWith(p.slice(0, -1))), `${route.path} is not routed to the API`);
    }
    assert.equal(site.resource('aws_cloudfront_distribution', 'this').custom_error_response, undefined,
      'a distribution-wide error page would replace the API\'s problem+json errors');
  });

  test('CKV_AWS_115: every function has a reserved concurrency', async () => {
    const lambda = (await loadModuleNamed('functions')).resource('aws_lambda_function', 'this');
    assert.equal(lambda.reserved_concurrent_executions, '${each.value.reserved_concurrency}');
    const env = await loadEnv();
    const functions = (await functionsCall()).functions;
    assert.deepEqual(Object.keys(functions).sort(), ['orders', 'orders-pending-releases', 'products', 'products-migrate', 'products-sweep']);
    for (const [name, fn] of Object.entries(functions)) {
      assert.ok(resolveVariable(env, fn.reserved_concurrency) >= 1, name);
    }
  });

  test('functions: images by digest, package type Image, memory and timeout from variables, logs kept', async () => {
    const module = await loadModuleNamed('functions');
    const lambda = module.resource('aws_lambda_function', 'this');
    assert.equal(lambda.package_type, 'Image');
    assert.match(lambda.lifecycle[0].precondition[0].condition, /@sha256:\[0-9a-f\]\{64\}/);
    const env = await loadEnv();
    assert.match(env.locals.images.products, /repository_urls\["products"\]\}@\$\{var\.products_image_digest\}/);
    assert.match(env.locals.images.orders, /repository_urls\["orders"\]\}@\$\{var\.orders_image_digest\}/);
    for (const [name, fn] of Object.entries((await functionsCall()).functions)) {
      assert.match(fn.memory_mb, /^\$\{var\.[a-z_]+\}$/, `${name} memory`);
      assert.match(fn.timeout_seconds, /^\$\{var\.[a-z_]+\}$/, `${name} timeout`);
    }
    assert.equal(lambda.logging_config[0].log_group, '${aws_cloudwatch_log_group.this[each.key].name}');
  });

  test('CKV_AWS_66: every log group has a retention', async () => {
    let groups = 0;
    for (const name of moduleNames()) {
      for (const [group, body] of Object.entries((await loadModuleNamed(name)).resources('aws_cloudwatch_log_group'))) {
        groups++;
        assert.ok(body.retention_in_days, `${name}: ${group} keeps logs forever`);
      }
    }
    assert.equal(groups, 2);
  });

  test('CKV_AWS_63, CKV_AWS_49: no IAM statement allows a "*" action', async () => {
    const statements = await allStatements();
    assert.ok(statements.length >= 12, `only ${statements.length} statements found`);
    for (const { where, statement } of statements) {
      if (statement.effect === 'Deny') continue;
      for (const action of [].concat(statement.actions ?? [])) {
        assert.ok(!action.includes('*'), `${where}: ${action}`);
        assert.match(action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${where}: ${action}`);
      }
    }
  });

  test('CKV_AWS_63: the functions module refuses "*" in any action it is given', async () => {
    const validations = (await loadModuleNamed('functions')).variables.functions.validation;
    assert.ok(validations.some((v) => /!strcontains\(a, "\*"\)/.test(v.condition)));
  });

  test('CKV_AWS_355, CKV_AWS_290: "*" resources only for actions IAM cannot restrict', async () => {
    for (const { where, statement } of await allStatements()) {
      if (statement.effect === 'Deny' || !statement.resources) continue;
      const resources = [].concat(statement.resources);
      if (resources.includes('*')) {
        for (const action of statement.actions) assert.ok(UNRESTRICTABLE.includes(action), `${where}: ${action} on "*"`);
      }
    }
  });

  test('least privilege: products only its secret and network; orders only its table, index and key', async () => {
    const functions = (await functionsCall()).functions;
    for (const name of ['products', 'products-migrate', 'products-sweep']) {
      assert.equal(functions[name].in_vpc, true, `${name} runs in the VPC`);
      const statements = await statementsOf(functions[name]);
      assert.deepEqual(statements.map((s) => [s.actions, s.resources]), [[['secretsmanager:GetSecretValue'], ['${module.database.master_secret_arn}']]], name);
    }
    for (const name of ['orders', 'orders-pending-releases']) {
      assert.equal(functions[name].in_vpc, undefined, `${name} is not in the VPC`);
      const statements = await statementsOf(functions[name]);
      for (const statement of statements) {
        for (const resource of [].concat(statement.resources)) {
          assert.match(resource, /^\$\{(module\.orders_table\.(table_arn|kms_key_arn)|values\(module\.orders_table\.index_arns\))\}$/, `${name}: ${resource}`);
        }
        for (const action of statement.actions) assert.match(action, /^(dynamodb|kms):/, `${name}: ${action}`);
      }
      const kms = statements.find((s) => s.actions.some((a) => a.startsWith('kms:')));
      assert.equal(kms.conditions[0].variable, 'kms:ViaService');
    }
    const scans = async (name) => (await statementsOf(functions[name])).some((s) => s.actions.includes('dynamodb:Scan'));
    assert.equal(await scans('orders'), false, 'the API function never scans');
    assert.equal(await scans('orders-pending-releases'), true);
  });

  test('each function role writes only to its own log group; network rights only in the VPC', async () => {
    const policy = (await loadModuleNamed('functions')).data('aws_iam_policy_document', 'this');
    assert.deepEqual(policy.statement[0].resources, ['${aws_cloudwatch_log_group.this[each.key].arn}:*']);
    assert.deepEqual(policy.statement[0].actions, ['logs:CreateLogStream', 'logs:PutLogEvents']);
    for (const dynamic of policy.dynamic.statement.filter((d) => d.content[0].sid?.includes('Network'))) {
      assert.equal(dynamic.for_each, '${each.value.in_vpc ? [1] : []}');
    }
  });

  test('CKV_AWS_76, CKV_AWS_95: API access logs, one JSON object per request', async () => {
    const api = await loadModuleNamed('api');
    const stage = api.resource('aws_apigatewayv2_stage', 'default');
    const settings = stage.access_log_settings[0];
    assert.equal(settings.destination_arn, '${aws_cloudwatch_log_group.access.arn}');
    assert.match(settings.format, /^\$\{jsonencode\(\{/);
    for (const field of ['requestId', 'status', 'routeKey', 'responseLatency', 'integrationError']) {
      assert.match(settings.format, new RegExp(`\\b${field}\\s*=`), field);
    }
    assert.doesNotMatch(settings.format, /authorizer\.claims|header\.Authorization/, 'tokens stay out of the logs');
  });

  test('API stage throttling (rate and burst), from variables', async () => {
    const api = await loadModuleNamed('api');
    const route = api.resource('aws_apigatewayv2_stage', 'default').default_route_settings[0];
    assert.equal(route.throttling_rate_limit, '${var.throttling_rate_limit}');
    assert.equal(route.throttling_burst_limit, '${var.throttling_burst_limit}');
    const env = await loadEnv();
    assert.ok(resolveVariable(env, env.moduleCalls.api.throttling_rate_limit) > 0);
    assert.ok(resolveVariable(env, env.moduleCalls.api.throttling_burst_limit) > 0);
  });

  test('POST /orders has a stricter stage throttle of its own, from variables, on a route routes.json has', async () => {
    const api = await loadModuleNamed('api');
    const stage = api.resource('aws_apigatewayv2_stage', 'default');
    const settings = stage.dynamic.route_settings[0];
    assert.equal(settings.for_each, '${var.route_throttling}');
    assert.equal(settings.content[0].route_key, '${route_settings.key}');
    assert.equal(settings.content[0].throttling_rate_limit, '${route_settings.value.rate_limit}');
    assert.equal(settings.content[0].throttling_burst_limit, '${route_settings.value.burst_limit}');
    assert.match(stage.lifecycle[0].precondition[0].condition, /contains\(keys\(local\.routes\), key\)/);
    assert.deepEqual(api.variables.route_throttling.default, {});

    const env = await loadEnv();
    const call = env.moduleCalls.api;
    const orders = call.route_throttling['POST /orders'];
    assert.ok(orders, 'the environment throttles POST /orders');
    const rate = resolveVariable(env, orders.rate_limit);
    const burst = resolveVariable(env, orders.burst_limit);
    const stageRate = resolveVariable(env, call.throttling_rate_limit);
    const stageBurst = resolveVariable(env, call.throttling_burst_limit);
    assert.equal(typeof rate, 'number');
    assert.ok(rate > 0 && rate < stageRate, `POST /orders ${rate}/s is stricter than the stage's ${stageRate}/s`);
    assert.ok(burst >= rate && burst < stageBurst, `POST /orders burst ${burst} is stricter than the stage's ${stageBurst}`);
    const routes = readJson('api-spec/target/routes.json').routes.map((r) => r.route_key);
    assert.ok(routes.includes('POST /orders'), 'routes.json has POST /orders');
  });

  test('the orders function gets the per-customer order rate from variables, with a default shoppers never hit', async () => {
    const env = await loadEnv();
    const environment = env.locals.orders_environment;
    assert.match(environment, /ORDERS_CREATE_RATE_LIMIT\s*=\s*tostring\(var\.orders_per_customer_limit\)/);
    assert.match(environment, /ORDERS_CREATE_RATE_WINDOW\s*=\s*var\.orders_per_customer_window/);
    assert.equal(env.variables.orders_per_customer_limit.default, 10);
    assert.equal(env.variables.orders_per_customer_window.default, '60s');
    // The service's own default is the same, so a function without the variable behaves alike.
    const properties = readText('orders-impl/src/main/resources/application.properties');
    assert.match(properties, /shop\.orders\.create-rate\.limit=\$\{ORDERS_CREATE_RATE_LIMIT:10\}/);
    assert.match(properties, /shop\.orders\.create-rate\.window=\$\{ORDERS_CREATE_RATE_WINDOW:60s\}/);
  });

  test('CKV_AWS_163, CKV_AWS_51, CKV_AWS_136: ECR scans on push, immutable tags, KMS, lifecycle policy', async () => {
    const registry = await loadModuleNamed('registry');
    const repo = registry.resource('aws_ecr_repository', 'this');
    assert.equal(repo.image_scanning_configuration[0].scan_on_push, true);
    assert.equal(repo.image_tag_mutability, 'IMMUTABLE');
    assert.equal(repo.encryption_configuration[0].encryption_type, 'KMS');
    assert.equal(registry.resource('aws_ecr_lifecycle_policy', 'this').for_each, '${aws_ecr_repository.this}');
    assert.deepEqual((await loadEnv()).moduleCalls.registry.repositories, ['products', 'orders']);
  });

  test('Cognito: the site client is public (no secret, code flow with PKCE), the machine client confidential', async () => {
    const auth = await loadModuleNamed('auth');
    const site = auth.resource('aws_cognito_user_pool_client', 'site');
    assert.equal(site.generate_secret, false);
    assert.deepEqual(site.allowed_oauth_flows, ['code']);
    const machine = auth.resource('aws_cognito_user_pool_client', 'machine');
    assert.equal(machine.generate_secret, true);
    assert.deepEqual(machine.allowed_oauth_flows, ['client_credentials']);
    assert.equal(resolveVariable(auth, auth.resource('aws_cognito_user_group', 'admin').name), 'admin');
  });

  test('CKV2_AWS_12: the VPC\'s default security group allows nothing; subnets give no public addresses (CKV_AWS_130)', async () => {
    const network = await loadModuleNamed('network');
    const group = network.resource('aws_default_security_group', 'this');
    assert.equal(group.ingress, undefined);
    assert.equal(group.egress, undefined);
    assert.equal(network.resource('aws_subnet', 'public').map_public_ip_on_launch, false);
    assert.equal(Object.keys(network.resources('aws_subnet')).length, 2);
    assert.equal(resolveVariable(network, '${var.az_count}'), 2);
  });

  test('alarms: API 5xx rate, API p99 latency, throttles of every function', async () => {
    const alarms = await loadModuleNamed('alarms');
    const rate = alarms.resource('aws_cloudwatch_metric_alarm', 'api_5xx_rate');
    assert.ok(rate.metric_query.some((q) => q.metric?.[0].metric_name === '5xx'));
    assert.ok(rate.metric_query.some((q) => q.metric?.[0].metric_name === 'Count'));
    const latency = alarms.resource('aws_cloudwatch_metric_alarm', 'api_p99_latency');
    assert.equal(latency.extended_statistic, 'p99');
    assert.equal(latency.metric_name, 'Latency');
    const throttles = alarms.resource('aws_cloudwatch_metric_alarm', 'throttles');
    assert.equal(throttles.metric_name, 'Throttles');
    assert.equal(throttles.for_each, '${var.function_names}');
    assert.equal((await loadEnv()).moduleCalls.alarms.function_names, '${module.functions.function_names}');
  });

  test('no secret value is written in any .tf file', async () => {
    for (const name of [...moduleNames()]) {
      for (const value of strings((await loadModuleNamed(name)).doc)) {
        assert.doesNotMatch(value, /(AKIA|ASIA)[A-Z0-9]{16}|-----BEGIN/, name);
      }
    }
  });
});
