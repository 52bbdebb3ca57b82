import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { expectedRoutes } from './lib/contracts.mjs';
import { evaluate, loadEnv, loadModuleNamed, readJson, resolveEnvPath, resolveVariable, unwrap } from './lib/terraform.mjs';

const ROUTES_FILE = 'api-spec/target/routes.json';
const routesJson = () => {
  assert.ok(existsSync(new URL(`../../${ROUTES_FILE}`, import.meta.url)), `${ROUTES_FILE} is missing: build first (./mvnw -DskipTests install)`);
  return readJson(ROUTES_FILE).routes;
};

// What the api module's route resource becomes for one entry of routes.json.
async function deployedRoute(route) {
  const api = await loadModuleNamed('api');
  const body = api.resource('aws_apigatewayv2_route', 'this');
  const scope = {
    each: { key: route.route_key, value: route },
    aws_apigatewayv2_authorizer: { cognito: { id: 'AUTHORIZER' } },
    aws_apigatewayv2_integration: { this: { products: { id: 'products-integration' }, orders: { id: 'orders-integration' } } },
    aws_apigatewayv2_api: { this: { id: 'API' } },
  };
  const target = body.target.replace(/\$\{([^}]*)\}/g, (_, e) => evaluate(`\${${e}}`, scope));
  return {
    route_key: evaluate(body.route_key, scope),
    operation_name: evaluate(body.operation_name, scope),
    target,
    authorization_type: evaluate(body.authorization_type, scope),
    authorizer_id: evaluate(body.authorizer_id, scope),
    authorization_scopes: evaluate(body.authorization_scopes, scope),
  };
}

describe('API routes from routes.json', () => {
  test('routes.json holds every operation of api-spec/*.yaml, and nothing else', () => {
    const generated = routesJson().map((r) => ({
      route_key: r.route_key,
      operation_id: r.operation_id,
      function: r.function,
      authorization: r.authorization.type,
      scopes: r.authorization.scopes,
      groups: r.authorization.groups,
    })).sort((a, b) => a.route_key.localeCompare(b.route_key));
    const expected = expectedRoutes();
    assert.ok(expected.length >= 13, `only ${expected.length} operations in the contracts`);
    assert.deepEqual(generated, expected);
  });

  test('the api module makes one route per entry of routes.json, keyed and named by it', async () => {
    const api = await loadModuleNamed('api');
    assert.match(unwrap(api.locals.routes), /^\{\s*for route in jsondecode\(file\(var\.routes_file\)\)\.routes\s*:\s*route\.route_key\s*=>\s*route\s*\}$/);
    const route = api.resource('aws_apigatewayv2_route', 'this');
    assert.equal(route.for_each, '${local.routes}');
    assert.equal(Object.keys(api.resources('aws_apigatewayv2_route')).length, 1, 'no hand-written routes');
    for (const entry of routesJson()) {
      const deployed = await deployedRoute(entry);
      assert.equal(deployed.route_key, entry.route_key);
      assert.equal(deployed.operation_name, entry.operation_id);
      assert.equal(deployed.target, `integrations/${entry.function}-integration`);
    }
  });

  test('the environment reads the generated routes.json', async () => {
    const env = await loadEnv();
    assert.equal(env.moduleCalls.api.routes_file, '${local.routes_file}');
    const file = resolveEnvPath(env.locals.routes_file.replace('${local.repository_root}', env.locals.repository_root));
    assert.ok(file.endsWith(ROUTES_FILE), file);
  });

  test('every protected operation has the JWT authorizer with its scopes, and only those', async () => {
    let protectedRoutes = 0;
    let publicRoutes = 0;
    for (const entry of routesJson()) {
      const deployed = await deployedRoute(entry);
      if (entry.authorization.type === 'jwt') {
        protectedRoutes++;
        assert.equal(deployed.authorization_type, 'JWT', entry.route_key);
        assert.equal(deployed.authorizer_id, 'AUTHORIZER', entry.route_key);
        assert.deepEqual(deployed.authorization_scopes, entry.authorization.scopes.length ? entry.authorization.scopes : null, entry.route_key);
      } else {
        publicRoutes++;
        assert.equal(entry.authorization.type, 'none');
        assert.equal(deployed.authorization_type, 'NONE', entry.route_key);
        assert.equal(deployed.authorizer_id, null, entry.route_key);
        assert.equal(deployed.authorization_scopes, null, entry.route_key);
      }
    }
    const expected = expectedRoutes();
    assert.equal(protectedRoutes, expected.filter((r) => r.authorization === 'jwt').length);
    assert.equal(publicRoutes, expected.filter((r) => r.authorization === 'none').length);
    assert.ok(protectedRoutes > 0 && publicRoutes > 0);
  });

  test('the stock reservation routes require the scope the machine client is given', async () => {
    const stock = routesJson().filter((r) => r.path.startsWith('/products/stock-reservations'));
    assert.equal(stock.length, 4);
    const auth = await loadModuleNamed('auth');
    const server = auth.resource('aws_cognito_resource_server', 'products');
    const identifier = resolveVariable(auth, server.identifier);
    const scopes = Object.keys(resolveVariable(auth, server.dynamic.scope[0].for_each)).map((s) => `${identifier}/${s}`);
    for (const route of stock) assert.deepEqual(route.authorization.scopes, scopes, route.route_key);
    const machine = auth.resource('aws_cognito_user_pool_client', 'machine');
    assert.equal(machine.allowed_oauth_scopes, '${aws_cognito_resource_server.products.scope_identifiers}');
  });

  test('the JWT authorizer trusts the Cognito user pool, with the app clients as audiences', async () => {
    const api = await loadModuleNamed('api');
    const authorizer = api.resource('aws_apigatewayv2_authorizer', 'cognito');
    assert.equal(authorizer.authorizer_type, 'JWT');
    assert.deepEqual(authorizer.identity_sources, ['$request.header.Authorization']);
    assert.equal(authorizer.jwt_configuration[0].issuer, '${var.jwt_issuer}');
    assert.equal(authorizer.jwt_configuration[0].audience, '${var.jwt_audiences}');
    const call = (await loadEnv()).moduleCalls.api;
    assert.equal(call.jwt_issuer, '${module.auth.issuer_url}');
    assert.deepEqual(call.jwt_audiences, ['${module.auth.site_client_id}', '${module.auth.machine_client_id}']);
  });

  test('Lambda proxy integrations, payload format 2.0, one per function routes.json names', async () => {
    const api = await loadModuleNamed('api');
    const integration = api.resource('aws_apigatewayv2_integration', 'this');
    assert.equal(integration.for_each, '${var.functions}');
    assert.equal(integration.integration_type, 'AWS_PROXY');
    assert.equal(integration.payload_format_version, '2.0');
    assert.equal(integration.integration_uri, '${each.value.invoke_arn}');
    const functions = unwrap((await loadEnv()).moduleCalls.api.functions);
    const names = JSON.parse(/for name in (\[[^\]]*\])/.exec(functions)[1]);
    assert.deepEqual(names.sort(), [...new Set(routesJson().map((r) => r.function))].sort());
    const permission = api.resource('aws_lambda_permission', 'api');
    assert.equal(permission.source_arn, '${aws_apigatewayv2_api.this.execution_arn}/*/*');
  });

  test('one $default stage, deployed automatically', async () => {
    const stage = (await loadModuleNamed('api')).resource('aws_apigatewayv2_stage', 'default');
    assert.equal(stage.name, '$default');
    assert.equal(stage.auto_deploy, true);
  });
});
