import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEnv, loadModuleNamed, readJson, readText, resolveEnvPath, unwrap } from './lib/terraform.mjs';

const DEFINITION = 'orders-impl/src/main/resources/dynamodb/orders-table.json';

// The module's locals, done in JavaScript: what Terraform derives from the definition file.
function derive(definition) {
  const key = (schema, type) => schema.find((k) => k.KeyType === type)?.AttributeName ?? null;
  return {
    billing_mode: definition.BillingMode,
    attributes: Object.fromEntries(definition.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType])),
    hash_key: key(definition.KeySchema, 'HASH'),
    range_key: key(definition.KeySchema, 'RANGE'),
    indexes: Object.fromEntries((definition.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, {
      hash_key: key(i.KeySchema, 'HASH'),
      range_key: key(i.KeySchema, 'RANGE'),
      projection_type: i.Projection.ProjectionType,
    }])),
  };
}

describe('DynamoDB orders table', () => {
  test('the environment builds the table from orders-impl\'s orders-table.json', async () => {
    const env = await loadEnv();
    assert.equal(env.moduleCalls.orders_table.definition_file, '${local.orders_table_file}');
    const file = resolveEnvPath(env.locals.orders_table_file.replace('${local.repository_root}', env.locals.repository_root));
    assert.ok(file.endsWith(DEFINITION), file);
  });

  test('keys, attributes, billing and indexes all come from the file: none is written in Terraform', async () => {
    const module = await loadModuleNamed('orders_table');
    const locals = module.locals;
    assert.equal(unwrap(locals.definition), 'jsondecode(file(var.definition_file))');
    assert.match(locals.hash_key, /k\.KeyType == "HASH"/);
    assert.match(locals.range_key, /k\.KeyType == "RANGE"/);
    assert.match(locals.attributes, /local\.definition\.AttributeDefinitions/);
    assert.match(locals.indexes, /local\.definition\.GlobalSecondaryIndexes/);
    assert.match(locals.indexes, /index\.Projection\.ProjectionType/);
    const table = module.resource('aws_dynamodb_table', 'this');
    assert.equal(table.hash_key, '${local.hash_key}');
    assert.equal(table.range_key, '${local.range_key}');
    assert.equal(table.billing_mode, '${local.definition.BillingMode}');
    assert.equal(table.dynamic.attribute[0].for_each, '${local.attributes}');
    assert.equal(table.dynamic.global_secondary_index[0].for_each, '${local.indexes}');
    const main = readText('terraform/modules/orders_table/main.tf');
    for (const attribute of Object.keys(derive(readJson(DEFINITION)).attributes)) {
      assert.doesNotMatch(main, new RegExp(`"${attribute}"`), `${attribute} is written in Terraform`);
    }
  });

  test('key schema and customer index equal what the orders service queries', () => {
    const table = derive(readJson(DEFINITION));
    // The requirements' key, and the index the service lists a customer's orders with.
    const schema = readText('orders-impl/src/main/java/serverlessshop/orders/store/OrderTableSchema.java');
    const index = /CUSTOMER_INDEX\s*=\s*"([^"]+)"/.exec(schema)[1];
    assert.equal(table.hash_key, 'order_id');
    assert.equal(table.range_key, 'customer_id');
    assert.deepEqual(table.indexes, {
      [index]: { hash_key: 'customer_id', range_key: 'order_date', projection_type: 'ALL' },
    });
    assert.deepEqual(table.attributes, { order_id: 'S', customer_id: 'S', order_date: 'S' });
  });

  test('time to live on the attribute the order-creation counters expire by', async () => {
    const module = await loadModuleNamed('orders_table');
    const table = module.resource('aws_dynamodb_table', 'this');
    assert.equal(table.ttl[0].enabled, true);
    assert.equal(table.ttl[0].attribute_name, '${var.ttl_attribute}');
    const counters = readText('orders-impl/src/main/java/serverlessshop/orders/store/OrderCreationCounters.java');
    const attribute = /EXPIRES_AT\s*=\s*"([^"]+)"/.exec(counters)[1];
    assert.equal(module.variables.ttl_attribute.default, attribute);
  });

  test('on-demand billing (checked by a precondition too)', async () => {
    assert.equal(derive(readJson(DEFINITION)).billing_mode, 'PAY_PER_REQUEST');
    const table = (await loadModuleNamed('orders_table')).resource('aws_dynamodb_table', 'this');
    assert.match(table.lifecycle[0].precondition[0].condition, /local\.definition\.BillingMode == "PAY_PER_REQUEST"/);
  });

  test('the orders functions get the table\'s name from Terraform (ORDERS_TABLE)', async () => {
    const env = await loadEnv();
    assert.equal(env.locals.orders_environment.includes('module.orders_table.table_name'), true);
  });
});
