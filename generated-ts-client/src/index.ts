// The clients of both APIs. Their sources under ./generated are written by the Maven build from
// api-spec/*.yaml and never edited; each API is its own namespace because both define Problem.
export * as products from './generated/products/index.js';
export * as orders from './generated/orders/index.js';
// The order events' payloads (EventBridge `detail`), generated from api-spec/order-events.yaml.
export type * as events from './generated/events/order-events.js';
// The hand-written layer: one factory for configured clients, one error type for every failure.
export { createApiClients, type ApiClientOptions, type ApiClients } from './client.js';
export {
  ApiProblem,
  isApiProblem,
  NETWORK_ERROR,
  type ApiProblemInit,
  type ProblemSource,
  type FieldError,
  type StockShortage,
} from './problem.js';
