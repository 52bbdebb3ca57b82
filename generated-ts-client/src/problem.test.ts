import { describe, expect, it } from 'vitest';
import { ApiProblem, NETWORK_ERROR } from './problem';

function answer(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers });
}

describe('ApiProblem.fromResponse', () => {
  it('reads a problem document with its field errors and shortages, in camelCase', async () => {
    const problem = await ApiProblem.fromResponse(answer(409, JSON.stringify({
      type: 'urn:serverless-shop:problem:insufficient-stock', title: 'Not enough stock', status: 409,
      detail: '1 product is short.', code: 'INSUFFICIENT_STOCK', request_id: 'abc=',
      errors: [{ field: 'items[0].quantity', in: 'body', message: 'must be at most 3' }],
      shortages: [{ product_id: 'p-1', requested: 5, available: 3 }],
    }), { 'content-type': 'application/problem+json' }));

    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({
      status: 409, code: 'INSUFFICIENT_STOCK', title: 'Not enough stock', detail: '1 product is short.',
      requestId: 'abc=',
    });
    expect(problem.errors).toEqual([{ field: 'items[0].quantity', _in: 'body', message: 'must be at most 3' }]);
    expect(problem.shortages).toEqual([{ productId: 'p-1', requested: 5, available: 3 }]);
    expect(problem.message).toBe('Not enough stock: 1 product is short.');
  });

  it("gives API Gateway's own answers a code by status and the message as title", async () => {
    const problem = await ApiProblem.fromResponse(answer(401, '{"message":"Unauthorized"}'));
    expect(problem).toMatchObject({ status: 401, code: 'UNAUTHORIZED', title: 'Unauthorized' });
    expect(problem.errors).toEqual([]);
    expect(problem.shortages).toEqual([]);
  });

  it('keeps Retry-After in seconds and survives a body that is not JSON', async () => {
    const problem = await ApiProblem.fromResponse(answer(503, '<html>down</html>', { 'retry-after': '3' }));
    expect(problem).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 3 });
  });

  it('names an unexpected status by its number', async () => {
    const problem = await ApiProblem.fromResponse(answer(418, ''));
    expect(problem.code).toBe('HTTP_418');
  });
});

describe('ApiProblem.network', () => {
  it('has no status and keeps the cause', () => {
    const cause = new TypeError('Failed to fetch');
    const problem = ApiProblem.network(cause);
    expect(problem).toMatchObject({ status: 0, code: NETWORK_ERROR });
    expect(problem.cause).toBe(cause);
  });
});
