// The one place the API clients are made: the generated clients of both contracts, sharing a base
// URL, a bearer token and one error type. Everything else is the generated code's.
import * as products from './generated/products/index.js';
import * as orders from './generated/orders/index.js';
import { ApiProblem } from './problem.js';

export interface ApiClientOptions {
  /** Where the API is: '' for the page's own origin (the local cloud, CloudFront in front of API Gateway). */
  baseUrl: string;
  /** The signed-in user's access token, or undefined when nobody is signed in. Asked before every request. */
  accessToken?: () => string | undefined | Promise<string | undefined>;
  /** For tests: a fetch of their own. */
  fetchApi?: typeof fetch;
}

export interface ApiClients {
  products: products.ProductsApi;
  categories: products.CategoriesApi;
  orders: orders.OrdersApi;
  customerOrders: orders.CustomerOrdersApi;
}

/** The middleware both generated runtimes accept (their Middleware types are structurally equal). */
type Middleware = products.Middleware & orders.Middleware;

export function createApiClients(options: ApiClientOptions): ApiClients {
  const middleware = apiMiddleware(options.accessToken);
  const basePath = options.baseUrl.replace(/\/+$/, '');
  const productsConfig = new products.Configuration({ basePath, middleware, fetchApi: options.fetchApi });
  const ordersConfig = new orders.Configuration({ basePath, middleware, fetchApi: options.fetchApi });
  return {
    products: new products.ProductsApi(productsConfig),
    categories: new products.CategoriesApi(productsConfig),
    orders: new orders.OrdersApi(ordersConfig),
    customerOrders: new orders.CustomerOrdersApi(ordersConfig),
  };
}

function apiMiddleware(accessToken: ApiClientOptions['accessToken']): Middleware[] {
  return [
    {
      // The token goes on every request, not only on the operations the contract secures (where the
      // generated code would add it from Configuration.accessToken): the public catalog reads show
      // an administrator the inactive products too, and only if the token comes along.
      async pre({ url, init }) {
        const token = accessToken ? await accessToken() : undefined;
        if (!token) {
          return { url, init };
        }
        const headers = new Headers(init.headers);
        if (!headers.has('Authorization')) {
          headers.set('Authorization', `Bearer ${token}`);
        }
        return { url, init: { ...init, headers } };
      },
      // Every error answer becomes an ApiProblem here, before the generated runtime would wrap it
      // in its untyped ResponseError.
      async post({ response }) {
        if (!response.ok) {
          throw await ApiProblem.fromResponse(response);
        }
        return response;
      },
      async onError({ error }) {
        throw ApiProblem.network(error);
      },
    },
  ];
}
