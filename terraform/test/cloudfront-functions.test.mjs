// The CloudFront Functions the distribution runs, run here as CloudFront runs them: a viewer-request
// event in, the request CloudFront then sends to the origin out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { readText } from './lib/terraform.mjs';

function cloudFrontFunction(file) {
  const context = vm.createContext({});
  vm.runInContext(readText(file), context, { filename: file });
  return (uri) => context.handler({ request: { method: 'GET', uri, querystring: { limit: { value: '5' } }, headers: {} } });
}

describe('CloudFront Functions', () => {
  const adminPrefix = cloudFrontFunction('terraform/modules/site/functions/admin-prefix.js');

  test('the /admin/* behaviour sends the administrators\' API the contracts\' paths', () => {
    assert.equal(adminPrefix('/admin/orders/42').uri, '/orders/42');
    assert.equal(adminPrefix('/admin/customers/alice/orders').uri, '/customers/alice/orders');
    assert.equal(adminPrefix('/admin/products').uri, '/products');
    assert.equal(adminPrefix('/admin/').uri, '/');
  });

  test('only the prefix goes: the rest of the path and the query are the viewer\'s', () => {
    const request = adminPrefix('/admin/admin/products');
    assert.equal(request.uri, '/admin/products');
    assert.deepEqual(request.querystring, { limit: { value: '5' } });
    assert.equal(request.method, 'GET');
  });

  test('a path that is not under /admin/ is left as it is', () => {
    assert.equal(adminPrefix('/administrators').uri, '/administrators');
    assert.equal(adminPrefix('/products').uri, '/products');
  });
});
