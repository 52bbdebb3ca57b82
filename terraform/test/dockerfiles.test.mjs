import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadEnv, readText, repoRoot } from './lib/terraform.mjs';

// A handler class named by Terraform must exist in the service's sources. The images themselves (base
// image, what they copy, their CMD and ENTRYPOINT) are checked where the local cloud reads them:
// local-cloud/gateway's FunctionImageTest and ImageCommandTest.
function assertHandlerExists(service, handler) {
  const [className, method] = handler.split('::');
  assert.equal(method, 'handleRequest', handler);
  const file = path.join(repoRoot, `${service}-impl/src/main/java`, `${className.replaceAll('.', '/')}.java`);
  assert.ok(existsSync(file), `${handler}: no ${path.relative(repoRoot, file)}`);
}

describe('Function images', () => {
  test('Terraform runs each image: the API functions with the CMD, the jobs with a command that exists', async () => {
    const functions = (await loadEnv()).moduleCalls.functions.functions;
    for (const [name, fn] of Object.entries(functions)) {
      const service = name.split('-')[0];
      assert.equal(fn.image_uri, `\${local.images.${service}}`, name);
      if (name === service) {
        assert.equal(fn.command, undefined, `${name} runs the image's CMD`);
      } else {
        assert.equal(fn.command.length, 1, name);
        assertHandlerExists(service, fn.command[0]);
      }
    }
    assert.deepEqual(functions['products-migrate'].command, ['serverlessshop.products.lambda.MigrateHandler::handleRequest']);
    assert.deepEqual(functions['products-sweep'].command, ['serverlessshop.products.lambda.SweepHandler::handleRequest']);
    assert.deepEqual(functions['orders-pending-releases'].command, ['serverlessshop.orders.lambda.PendingReleasesHandler::handleRequest']);
    assert.equal(functions['products-sweep'].schedule, '${var.sweep_schedule}');
    assert.equal(functions['orders-pending-releases'].schedule, '${var.pending_releases_schedule}');
  });

  test('the functions get the variables each service\'s README names', async () => {
    const locals = (await loadEnv()).locals;
    const products = readText('products-impl/README.md');
    const orders = readText('orders-impl/README.md');
    const names = (expression) => [...String(expression).matchAll(/\b([A-Z][A-Z0-9_]+)\s*=/g)].map((m) => m[1]);
    // A map written out is an object here; one built with merge() is an expression, read for its keys.
    const keys = (value) => (typeof value === 'string' ? names(value) : Object.keys(value));
    const set = {
      products: [...keys(locals.jwt_environment), ...keys(locals.database_environment)],
      orders: [...keys(locals.jwt_environment), ...names(locals.orders_environment)],
    };
    for (const variable of set.products) assert.match(products, new RegExp(`\`${variable}\``), `products-impl/README.md does not name ${variable}`);
    for (const variable of set.orders) assert.match(orders, new RegExp(`\`${variable}\``), `orders-impl/README.md does not name ${variable}`);
    for (const required of ['PRODUCTS_DB_URL', 'PRODUCTS_DB_USER', 'PRODUCTS_DB_IAM_AUTH', 'SHOP_JWT_ISSUER', 'SHOP_JWT_AUDIENCES']) assert.ok(set.products.includes(required), required);
    // Both services verify the administrators' pool's tokens too (its issuer, client and keys).
    for (const required of ['SHOP_ADMIN_JWT_ISSUER', 'SHOP_ADMIN_JWT_AUDIENCES', 'SHOP_ADMIN_JWT_JWKS_URI', 'SHOP_ADMIN_JWT_JWKS']) {
      assert.ok(set.products.includes(required) && set.orders.includes(required), required);
    }
    assert.ok(!set.products.includes('PRODUCTS_DB_SECRET_ARN'), 'the products functions read no database secret');
    for (const required of ['ORDERS_TABLE', 'PRODUCTS_FUNCTION_NAME']) assert.ok(set.orders.includes(required), required);
    for (const gone of ['PRODUCTS_API_URL', 'PRODUCTS_TOKEN_URL', 'PRODUCTS_CLIENT_ID', 'PRODUCTS_CLIENT_SECRET', 'PRODUCTS_CLIENT_SECRET_ARN']) {
      assert.ok(!set.orders.includes(gone), `orders invokes products with its role: no ${gone}`);
    }
  });
});
