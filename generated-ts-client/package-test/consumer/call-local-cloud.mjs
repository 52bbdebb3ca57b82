// Plain Node.js, no bundler, no TypeScript: the installed package against a running shop. Prints what
// it saw as one JSON line for the test to judge.
import { randomUUID } from 'node:crypto';
import { ApiProblem, createApiClients } from '@serverless-shop/api-client';

const [baseUrl] = process.argv.slice(2);
const api = createApiClients({ baseUrl });

/** What a rejected call rejected with, as the test needs it. */
async function failure(call) {
  try {
    await call();
    return { rejected: false };
  } catch (error) {
    return { rejected: true, isApiProblem: error instanceof ApiProblem, status: error.status, code: error.code };
  }
}

const page = await api.products.listProducts({ limit: 3 });
const product = await api.products.getProduct({ productId: page.items[0].productId });
console.log(
  JSON.stringify({
    listed: page.items.length,
    got: { sameId: product.productId === page.items[0].productId, createdAtIsDate: product.createdAt instanceof Date },
    unknownProduct: await failure(() => api.products.getProduct({ productId: randomUUID() })),
    orderWithoutToken: await failure(() =>
      api.orders.createOrder({
        idempotencyKey: randomUUID(),
        orderCreate: {
          items: [{ productId: product.productId, quantity: 1 }],
          shippingAddress: { street: '1 Main St', city: 'Springfield', zipCode: '12345', country: 'US' },
        },
      }),
    ),
  }),
);
