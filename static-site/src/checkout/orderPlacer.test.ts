import { ApiProblem, type orders } from '@serverless-shop/api-client';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { CheckoutAttempts } from './checkoutAttempt';
import { OrderPlacer } from './orderPlacer';

const draft: orders.OrderCreate = {
  items: [{ productId: 'lamp', quantity: 2 }],
  shippingAddress: { street: '1 Main St', city: 'Town', zipCode: '12345', country: 'US' },
};
const placedOrder = { orderId: 'o-1' } as orders.Order;

type Answer = () => Promise<void>;
const ok: Answer = async () => undefined;
const fails =
  (code: string, status: number): Answer =>
  async () => {
    throw new ApiProblem({ status, code, title: code });
  };

/** An orders API that answers in turn, records the keys it got, and can be held until released. */
function ordersApi(...answers: Answer[]) {
  const keys: string[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const api = {
    hold: false,
    async createOrderRaw({ idempotencyKey }: { idempotencyKey: string }) {
      keys.push(idempotencyKey);
      if (api.hold) {
        await held;
      }
      await (answers.shift() ?? ok)();
      return {
        raw: new Response(null, { headers: { 'Idempotent-Replayed': 'false' } }),
        value: async () => placedOrder,
      };
    },
  };
  return { api, keys, release };
}

function placer(api: ReturnType<typeof ordersApi>['api']) {
  let n = 0;
  const attempts = new CheckoutAttempts(memoryStorage(), () => `key-${++n}`);
  return new OrderPlacer(api as unknown as orders.OrdersApi, attempts, async () => undefined);
}

describe('placing an order', () => {
  it('sends one request for a double click, and both clicks get the order', async () => {
    const { api, keys, release } = ordersApi(ok);
    api.hold = true;
    const p = placer(api);
    const first = p.place(draft);
    const second = p.place(draft);
    release();
    expect(await first).toEqual({ kind: 'placed', order: placedOrder, replayed: false });
    expect(await second).toEqual(await first);
    expect(keys).toEqual(['key-1']);
  });

  it('retries a failed attempt with the same key, and starts a new attempt after a success', async () => {
    const { api, keys } = ordersApi(fails('NETWORK_ERROR', 0), fails('SERVICE_UNAVAILABLE', 503), ok, ok);
    const p = placer(api);
    expect((await p.place(draft)).kind).toBe('failed');
    expect((await p.place(draft)).kind).toBe('failed');
    expect((await p.place(draft)).kind).toBe('placed');
    expect((await p.place(draft)).kind).toBe('placed');
    expect(keys).toEqual(['key-1', 'key-1', 'key-1', 'key-2']);
  });

  it('asks again while an earlier request with the key is still in progress', async () => {
    const { api, keys } = ordersApi(fails('REQUEST_IN_PROGRESS', 409), fails('REQUEST_IN_PROGRESS', 409), ok);
    expect((await placer(api).place(draft)).kind).toBe('placed');
    expect(keys).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('gives up on "in progress" after a few tries and says so', async () => {
    const { api, keys } = ordersApi(...Array.from({ length: 10 }, () => fails('REQUEST_IN_PROGRESS', 409)));
    const result = await placer(api).place(draft);
    expect(result).toMatchObject({ kind: 'failed', problem: { code: 'REQUEST_IN_PROGRESS' } });
    expect(keys).toHaveLength(6);
  });

  it('uses a new key once the order changed, e.g. after a shortage lowered a quantity', async () => {
    const { api, keys } = ordersApi(fails('INSUFFICIENT_STOCK', 409), ok);
    const p = placer(api);
    await p.place(draft);
    await p.place({ ...draft, items: [{ productId: 'lamp', quantity: 1 }] });
    expect(keys).toEqual(['key-1', 'key-2']);
  });
});
