import { orders } from '@serverless-shop/api-client';
import { describe, expect, it } from 'vitest';
import { adminMoves, customerMayCancel, moveLabel, statusLabel } from './transitions';

const S = orders.OrderStatus;
const T = orders.OrderStatusUpdateOrderStatusEnum;

describe('the order state machine', () => {
  it('moves forward one step at a time, with a cancel until shipped', () => {
    expect(adminMoves(S.Pending)).toEqual([T.Confirmed, T.Cancelled]);
    expect(adminMoves(S.Confirmed)).toEqual([T.Shipped, T.Cancelled]);
    expect(adminMoves(S.Shipped)).toEqual([T.Delivered]);
    expect(adminMoves(S.Delivered)).toEqual([]);
    expect(adminMoves(S.Cancelled)).toEqual([]);
  });

  it('lets a customer cancel while the order is pending or confirmed', () => {
    expect([S.Pending, S.Confirmed, S.Shipped, S.Delivered, S.Cancelled].filter(customerMayCancel)).toEqual([
      S.Pending,
      S.Confirmed,
    ]);
  });

  it('names moves and statuses for people', () => {
    expect(moveLabel(T.Shipped)).toBe('Mark shipped');
    expect(statusLabel(S.Pending)).toBe('Pending');
  });
});
