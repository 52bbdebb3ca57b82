import { describe, expect, it } from 'vitest';
import { ApiProblem, NETWORK_ERROR } from './problem';

function answer(status: number, body: string, headers: Record<string, string> = {}, statusText = ''): Response {
  return new Response(body, { status, statusText, headers });
}

const problemJson = { 'content-type': 'application/problem+json' };
const gatewayJson = { 'content-type': 'application/json' };

describe('ApiProblem.fromResponse', () => {
  it('reads a problem document with its field errors and shortages, in camelCase', async () => {
    const problem = await ApiProblem.fromResponse(
      answer(
        409,
        JSON.stringify({
          type: 'urn:serverless-shop:problem:insufficient-stock',
          title: 'Not enough stock',
          status: 409,
          detail: '1 product is short.',
          code: 'INSUFFICIENT_STOCK',
          request_id: 'abc=',
          errors: [{ field: 'items[0].quantity', in: 'body', message: 'must be at most 3' }],
          shortages: [{ product_id: 'p-1', requested: 5, available: 3 }],
        }),
        { 'content-type': 'application/problem+json;charset=UTF-8' },
      ),
    );

    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_STOCK',
      title: 'Not enough stock',
      detail: '1 product is short.',
      requestId: 'abc=',
      source: 'service',
    });
    expect(problem.errors).toEqual([{ field: 'items[0].quantity', _in: 'body', message: 'must be at most 3' }]);
    expect(problem.shortages).toEqual([{ productId: 'p-1', requested: 5, available: 3 }]);
    expect(problem.message).toBe('Not enough stock: 1 product is short.');
  });

  it("reads API Gateway's own answer: the message as title, a code by status", async () => {
    const problem = await ApiProblem.fromResponse(
      answer(401, '{"message":"Unauthorized"}', {
        ...gatewayJson,
        'www-authenticate': 'Bearer scope="" error="invalid_token"',
      }),
    );
    expect(problem).toMatchObject({ status: 401, code: 'UNAUTHORIZED', title: 'Unauthorized', source: 'gateway' });
    expect(problem.detail).toBeUndefined();
    expect(problem.errors).toEqual([]);
    expect(problem.shortages).toEqual([]);
  });

  it.each([
    [400, 'Bad Request', 'BAD_REQUEST'],
    [403, 'Forbidden', 'FORBIDDEN'],
    [404, 'Not Found', 'NOT_FOUND'],
    [413, 'Request Entity Too Large', 'PAYLOAD_TOO_LARGE'],
    [429, 'Too Many Requests', 'RATE_LIMITED'],
    [500, 'Internal Server Error', 'INTERNAL_ERROR'],
    [503, 'Service Unavailable', 'SERVICE_UNAVAILABLE'],
  ])("gives the gateway's %i the contract's code", async (status, message, code) => {
    const problem = await ApiProblem.fromResponse(answer(status, JSON.stringify({ message }), gatewayJson));
    expect(problem).toMatchObject({ status, code, title: message, source: 'gateway' });
  });

  it('goes by the media type: a problem document is not read as a gateway answer, nor the other way round', async () => {
    const problemAsJson = await ApiProblem.fromResponse(
      answer(
        400,
        JSON.stringify({
          type: 'urn:serverless-shop:problem:validation-failed',
          title: 'The request is not valid',
          status: 400,
          code: 'VALIDATION_FAILED',
          message: 'x',
        }),
        gatewayJson,
      ),
    );
    expect(problemAsJson).toMatchObject({ source: 'gateway', code: 'BAD_REQUEST', title: 'x' });

    const gatewayAsProblem = await ApiProblem.fromResponse(
      answer(429, '{"message":"Too Many Requests"}', problemJson, 'Too Many Requests'),
    );
    expect(gatewayAsProblem).toMatchObject({ source: 'unexpected', code: 'RATE_LIMITED', title: 'Too Many Requests' });
  });

  it('keeps the status of an answer in neither shape, with Retry-After in seconds', async () => {
    const html = await ApiProblem.fromResponse(
      answer(503, '<html>down</html>', { 'content-type': 'text/html', 'retry-after': '3' }),
    );
    expect(html).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: 3,
      source: 'unexpected',
    });

    const incomplete = await ApiProblem.fromResponse(answer(409, '{"title":"Conflict"}', problemJson, 'Conflict'));
    expect(incomplete).toMatchObject({ status: 409, code: 'CONFLICT', title: 'Conflict', source: 'unexpected' });

    const array = await ApiProblem.fromResponse(answer(500, '[{"message":"x"}]', gatewayJson));
    expect(array).toMatchObject({ code: 'INTERNAL_ERROR', title: 'HTTP 500', source: 'unexpected' });
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
    expect(problem).toMatchObject({ status: 0, code: NETWORK_ERROR, source: 'network' });
    expect(problem.cause).toBe(cause);
  });
});
