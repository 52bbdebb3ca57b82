import { ApiProblem, products } from '@serverless-shop/api-client';
import { describe, expect, it } from 'vitest';
import { asProblem, problemView } from './problemView';

const body = products.FieldErrorInEnum.Body;

function validationFailed(...errors: Array<[string, string]>): ApiProblem {
  return new ApiProblem({
    status: 400,
    code: 'VALIDATION_FAILED',
    title: 'The request is not valid',
    detail: `${errors.length} fields are not valid.`,
    errors: errors.map(([field, message]) => ({ field, _in: body, message })),
  });
}

describe('problemView', () => {
  it('puts each field error next to its field and keeps title and detail for the summary', () => {
    const view = problemView(
      validationFailed(['price', 'must be greater than or equal to 0.01'], ['sku', 'must not be blank']),
      ['sku', 'name', 'price'],
    );
    expect(view.fields).toEqual({ price: 'must be greater than or equal to 0.01', sku: 'must not be blank' });
    expect(view).toMatchObject({ title: 'The request is not valid', detail: '2 fields are not valid.', other: [] });
  });

  it('maps nested paths to the closest field the form shows', () => {
    const view = problemView(
      validationFailed(
        ['shipping_address.zip_code', 'must match "^[A-Za-z0-9][A-Za-z0-9 -]*$"'],
        ['items[1].quantity', 'must be less than or equal to 100'],
        ['shipping_address', 'must not be null'],
      ),
      ['shipping_address.zip_code', 'shipping_address', 'items[0]', 'items[1]'],
    );
    expect(view.fields).toEqual({
      'shipping_address.zip_code': 'must match "^[A-Za-z0-9][A-Za-z0-9 -]*$"',
      'items[1]': 'must be less than or equal to 100',
      shipping_address: 'must not be null',
    });
  });

  it('does not take a field for another whose name starts the same', () => {
    const view = problemView(validationFailed(['items[10].quantity', 'too many']), ['items[1]']);
    expect(view.fields).toEqual({});
    expect(view.other).toEqual(['items[10].quantity too many']);
  });

  it('joins two messages about one field', () => {
    const view = problemView(validationFailed(['sku', 'must not be blank'], ['sku', 'must match a pattern']), ['sku']);
    expect(view.fields.sku).toBe('must not be blank; must match a pattern');
  });

  it('lists errors about fields the form does not show', () => {
    const view = problemView(validationFailed(['Idempotency-Key', 'is required']), ['sku']);
    expect(view.other).toEqual(['Idempotency-Key is required']);
  });

  it('puts a duplicate SKU next to the SKU although the problem names no field', () => {
    const view = problemView(
      new ApiProblem({
        status: 409,
        code: 'DUPLICATE_SKU',
        title: 'Duplicate SKU',
        detail: 'A product with SKU LAMP-1 exists.',
      }),
      ['sku', 'name'],
    );
    expect(view.fields).toEqual({ sku: 'A product with SKU LAMP-1 exists.' });
  });

  it("words API Gateway's own answers for people, by status", async () => {
    const gateway = (status: number, message: string) =>
      ApiProblem.fromResponse(
        new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json' } }),
      );

    expect(problemView(await gateway(429, 'Too Many Requests'))).toMatchObject({
      title: 'The shop is getting too many requests',
      detail: 'Try again in a few seconds.',
      code: 'RATE_LIMITED',
      status: 429,
    });
    expect(problemView(await gateway(503, 'Service Unavailable'))).toMatchObject({
      title: 'The shop is busy',
      detail: 'It did not answer in time. Try again in a moment.',
      status: 503,
    });
    expect(problemView(await gateway(401, 'Unauthorized'))).toMatchObject({ title: 'You are signed out', status: 401 });
    expect(problemView(await gateway(413, 'Request Entity Too Large'))).toMatchObject({
      title: 'This is too large to send',
    });
  });

  it("keeps a service's own words for the same statuses", async () => {
    const view = problemView(
      await ApiProblem.fromResponse(
        new Response(
          JSON.stringify({
            type: 'urn:serverless-shop:problem:rate-limited',
            title: 'Too many orders',
            status: 429,
            code: 'RATE_LIMITED',
            detail: 'You can start another order in 30 seconds.',
          }),
          { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '30' } },
        ),
      ),
    );
    expect(view).toMatchObject({ title: 'Too many orders', detail: 'You can start another order in 30 seconds.' });
  });

  it("words an answer in neither of the contracts' shapes by its status", async () => {
    const page = await ApiProblem.fromResponse(
      new Response('<html>502 Bad Gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(problemView(page)).toMatchObject({
      title: 'The shop is not answering properly',
      detail: 'Try again in a moment.',
    });
  });

  it('turns anything else thrown into a readable problem', () => {
    expect(asProblem(new Error('boom'))).toMatchObject({ code: 'CLIENT_ERROR', detail: 'boom' });
    expect(problemView('odd')).toMatchObject({ title: 'Something went wrong in this page', fields: {}, other: [] });
  });
});
