// How orders read on a page.
import type { orders } from '@serverless-shop/api-client';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** A short name for an order: the last characters of its id, enough to tell one customer's orders apart. */
export function orderName(order: Pick<orders.Order, 'orderId'>): string {
  return `Order ${order.orderId.slice(-8).toUpperCase()}`;
}
