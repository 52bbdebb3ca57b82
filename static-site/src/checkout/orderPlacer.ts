// Placing the order of a checkout attempt. However often it is asked to - a double click, a retry
// after an error, two tabs - every request carries the attempt's Idempotency-Key, and a second
// request while the first is on its way is not even sent: it gets the first one's answer.
import type { ApiProblem, orders } from '@serverless-shop/api-client';
import { asProblem } from '../problems/problemView';
import type { CheckoutAttempts } from './checkoutAttempt';

export type PlaceResult =
  { kind: 'placed'; order: orders.Order; replayed: boolean } | { kind: 'failed'; problem: ApiProblem };

/** 409 REQUEST_IN_PROGRESS: another request with this key is still placing the order. */
const IN_PROGRESS_RETRIES = 5;
const IN_PROGRESS_WAIT_MS = 1000;

export class OrderPlacer {
  private inFlight: Promise<PlaceResult> | null = null;

  constructor(
    private readonly api: Pick<orders.OrdersApi, 'createOrderRaw'>,
    private readonly attempts: CheckoutAttempts,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  place(order: orders.OrderCreate): Promise<PlaceResult> {
    this.inFlight ??= this.send(order).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async send(order: orders.OrderCreate): Promise<PlaceResult> {
    const idempotencyKey = this.attempts.keyFor(order);
    for (let retry = 0; ; retry++) {
      try {
        const response = await this.api.createOrderRaw({ idempotencyKey, orderCreate: order });
        const placed = await response.value();
        this.attempts.succeeded();
        return { kind: 'placed', order: placed, replayed: response.raw.headers.get('Idempotent-Replayed') === 'true' };
      } catch (error) {
        const problem = asProblem(error);
        // The earlier request will finish; asking again with the same key then returns its order.
        if (problem.code === 'REQUEST_IN_PROGRESS' && retry < IN_PROGRESS_RETRIES) {
          await this.wait((problem.retryAfterSeconds ?? 0) * 1000 || IN_PROGRESS_WAIT_MS);
          continue;
        }
        // Any other failure keeps the attempt (and its key): retrying the same order is safe.
        return { kind: 'failed', problem };
      }
    }
  }
}
