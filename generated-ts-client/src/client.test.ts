import { describe, expect, it } from 'vitest';
import { createApiClients } from './client';
import { ApiProblem, NETWORK_ERROR } from './problem';

interface Seen {
  url: string;
  headers: Headers;
  body?: string;
}

/** A fetch that records each request and answers with the given responses in turn. */
function recordingFetch(...answers: Array<() => Response>) {
  const seen: Seen[] = [];
  const fetchApi = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers), body: init?.body as string | undefined });
    const next = answers.shift();
    if (!next) {
      throw new Error('no answer left');
    }
    return next();
  }) as typeof fetch;
  return { seen, fetchApi };
}

const page = () =>
  new Response(JSON.stringify({ items: [], next_cursor: null }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

describe('createApiClients', () => {
  it('sends the token on public reads too, so administrators see inactive products', async () => {
    const { seen, fetchApi } = recordingFetch(page);
    const api = createApiClients({ baseUrl: 'https://api.example.com/', accessToken: () => 'tok', fetchApi });

    await api.products.listProducts({ q: 'lamp', limit: 8 });

    expect(seen[0].url).toBe('https://api.example.com/products?limit=8&q=lamp');
    expect(seen[0].headers.get('Authorization')).toBe('Bearer tok');
  });

  it('sends no Authorization header when nobody is signed in, and uses the page origin for an empty base URL', async () => {
    const { seen, fetchApi } = recordingFetch(page);
    const api = createApiClients({ baseUrl: '', accessToken: async () => undefined, fetchApi });

    await api.products.listProducts({});

    expect(seen[0].url).toBe('/products');
    expect(seen[0].headers.has('Authorization')).toBe(false);
  });

  it('puts the Idempotency-Key and the snake_case body on an order', async () => {
    const { seen, fetchApi } = recordingFetch(
      () => new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const api = createApiClients({ baseUrl: '', accessToken: () => 'tok', fetchApi });

    await api.orders.createOrderRaw({
      idempotencyKey: 'key-1',
      orderCreate: {
        items: [{ productId: 'p-1', quantity: 2 }],
        shippingAddress: { street: 'A 1', city: 'B', zipCode: '12345', country: 'US' },
      },
    });

    expect(seen[0].headers.get('Idempotency-Key')).toBe('key-1');
    expect(JSON.parse(seen[0].body ?? '')).toEqual({
      items: [{ product_id: 'p-1', quantity: 2 }],
      shipping_address: { street: 'A 1', city: 'B', zip_code: '12345', country: 'US' },
    });
  });

  it('throws an ApiProblem for an error answer', async () => {
    const { fetchApi } = recordingFetch(
      () =>
        new Response(
          JSON.stringify({
            type: 'urn:x',
            title: 'Precondition failed',
            status: 412,
            code: 'PRECONDITION_FAILED',
          }),
          { status: 412, headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    const api = createApiClients({ baseUrl: '', fetchApi });

    const failure = api.products.updateProduct({
      productId: 'p-1',
      ifMatch: '"1"',
      productUpdate: { sku: 'S', name: 'N', price: 1, stockQuantity: 1, isActive: true },
    });

    await expect(failure).rejects.toBeInstanceOf(ApiProblem);
    await expect(failure).rejects.toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
  });

  it("throws an ApiProblem for API Gateway's own answer", async () => {
    const { fetchApi } = recordingFetch(
      () =>
        new Response('{"message":"Service Unavailable"}', {
          status: 503,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const api = createApiClients({ baseUrl: '', fetchApi });

    await expect(api.products.getProduct({ productId: 'p-1' })).rejects.toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      title: 'Service Unavailable',
      source: 'gateway',
    });
  });

  it('throws a NETWORK_ERROR ApiProblem when no answer arrives', async () => {
    const fetchApi = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const api = createApiClients({ baseUrl: '', fetchApi });

    await expect(api.products.getProduct({ productId: 'p-1' })).rejects.toMatchObject({
      status: 0,
      code: NETWORK_ERROR,
    });
  });
});
