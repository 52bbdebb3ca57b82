import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEnv, loadModuleNamed, resolveVariable, unwrap } from './lib/terraform.mjs';

// How the environment wires the product images, read from the files (terraform test sees the
// modules' resources and the environment's outputs, not what one module call is given): the key
// layout the services share (uploads/<product>/<image>, images/<product>/<image>/<width>.jpg), the
// image function, the bucket's notification and CloudFront's /images/* behaviour.
describe('Product images', () => {
  test('the bucket\'s prefixes are the key layout: uploads/ notify the image function, images/ are served', async () => {
    const images = await loadModuleNamed('images');
    assert.deepEqual(images.locals, { uploads_prefix: 'uploads/', sizes_prefix: 'images/' });
    const notification = images.resource('aws_s3_bucket_notification', 'uploads');
    assert.deepEqual(notification.lambda_function.map((f) => [f.events, unwrap(f.filter_prefix), unwrap(f.lambda_function_arn)]), [
      [['s3:ObjectCreated:*'], 'local.uploads_prefix', 'var.function_arn'],
    ]);
    assert.deepEqual(notification.depends_on, ['${aws_lambda_permission.uploads}'], 'S3 checks the permission when the notification is saved');
    // The served path is the key: /images/<...> on the site's origin is images/<...> in the bucket.
    const site = await loadModuleNamed('site');
    const behaviours = site.resource('aws_cloudfront_distribution', 'this').dynamic.ordered_cache_behavior;
    assert.deepEqual(behaviours.map((b) => b.content[0]).filter((b) => b.target_origin_id === 'images').map((b) => [b.path_pattern, b.allowed_methods]), [
      ['/images/*', ['GET', 'HEAD']],
    ]);
  });

  test('the image function: the products image with ImageUploadHandler, in the VPC, asynchronous, sized for decoding', async () => {
    const env = await loadEnv();
    const fn = env.moduleCalls.functions.functions['products-images'];
    assert.equal(fn.image_uri, '${local.images.products}');
    assert.deepEqual(fn.command, ['serverlessshop.products.lambda.ImageUploadHandler::handleRequest']);
    assert.equal(fn.in_vpc, true, 'it writes the products database');
    assert.equal(fn.async, true, 'S3 invokes it asynchronously: its failed runs need a queue');
    assert.equal(fn.environment, '${local.products_environment}');
    assert.equal(fn.policy_statements, '${local.image_function_statements}');
    assert.equal(fn.reserved_concurrency, '${local.reserved_concurrency["products-images"]}');
    const memory = resolveVariable(env, fn.memory_mb);
    assert.ok(memory >= 1024 && memory <= 3008, `memory ${memory} MB: enough to decode a 5 MiB original, not a waste`);
    assert.equal(resolveVariable(env, fn.timeout_seconds), 60);
    assert.equal(fn.schedule, undefined);
  });

  test('the environment gives the images module the image function, the site\'s origin and the distribution', async () => {
    const env = await loadEnv();
    const images = env.moduleCalls.images;
    assert.equal(images.function_name, '${module.functions.function_names["products-images"]}');
    assert.equal(images.function_arn, '${module.functions.function_arns["products-images"]}');
    assert.equal(images.site_origin, '${module.site.url}');
    assert.match(unwrap(images.cloudfront_distribution), /^var\.site_hosting == "cloudfront" \? \{\s*arn = module\.site\.distribution_arn\s*\} : null$/);
    assert.equal(images.force_destroy, '${var.force_destroy}');
    assert.deepEqual(env.moduleCalls.site.images, {
      bucket_regional_domain_name: '${module.images.bucket_regional_domain_name}',
      upload_origin: '${module.images.upload_origin}',
    });
  });

  test('the products functions that start the service are given the bucket\'s name', async () => {
    const locals = (await loadEnv()).locals;
    assert.match(locals.products_environment, /SHOP_IMAGES_BUCKET\s*=\s*module\.images\.bucket\n/);
    assert.doesNotMatch(JSON.stringify(locals.migrate_environment), /SHOP_IMAGES_BUCKET/, 'the migration starts no service');
  });
});
