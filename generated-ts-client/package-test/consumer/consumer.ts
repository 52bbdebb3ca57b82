// A consumer's TypeScript against the installed package: its exports, namespaces, options and typed
// errors as an application uses them. Compiled with --noEmit under each module resolution.
import {
  ApiProblem,
  createApiClients,
  isApiProblem,
  NETWORK_ERROR,
  orders,
  products,
  type ApiClientOptions,
  type ApiClients,
  type FieldError,
} from '@serverless-shop/api-client';

const options: ApiClientOptions = {
  baseUrl: 'https://shop.example.com',
  accessToken: async () => undefined,
  fetchApi: fetch,
};
const api: ApiClients = createApiClients(options);

export async function cheapest(): Promise<products.Product | undefined> {
  const page: products.ProductPage = await api.products.listProducts({ limit: 10, active: true });
  return page.items.reduce<products.Product | undefined>(
    (min, p) => (!min || p.price < min.price ? p : min),
    undefined,
  );
}

export async function etagOf(productId: string): Promise<string | null> {
  const answer = await api.products.getProductRaw({ productId });
  return answer.raw.headers.get('ETag');
}

export async function cancel(orderId: string): Promise<orders.OrderStatus> {
  const order = await api.orders.updateOrderStatus({
    orderId,
    orderStatusUpdate: { orderStatus: orders.OrderStatusUpdateOrderStatusEnum.Cancelled },
  });
  return order.orderStatus;
}

export function explain(error: unknown): string {
  if (!isApiProblem(error)) {
    return String(error);
  }
  const fields: readonly FieldError[] = error.errors;
  const problem: ApiProblem = error;
  if (problem.code === NETWORK_ERROR) {
    return 'offline';
  }
  return `${problem.status} ${problem.code} ${fields.map((f) => f.field).join(',')}`;
}
