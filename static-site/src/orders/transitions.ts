// The order state machine of orders.yaml, for deciding which buttons a page shows:
// PENDING -> CONFIRMED -> SHIPPED -> DELIVERED, and PENDING|CONFIRMED -> CANCELLED. The server
// enforces it (409 INVALID_TRANSITION); the page only offers moves that can succeed.
import { orders } from '@serverless-shop/api-client';

type Status = orders.OrderStatus;
/** A status an update may name (OrderStatusUpdate: every status but PENDING). */
export type Target = orders.OrderStatusUpdateOrderStatusEnum;
const S = orders.OrderStatus;
const T = orders.OrderStatusUpdateOrderStatusEnum;

const NEXT: Readonly<Record<Status, readonly Target[]>> = {
  [S.Pending]: [T.Confirmed, T.Cancelled],
  [S.Confirmed]: [T.Shipped, T.Cancelled],
  [S.Shipped]: [T.Delivered],
  [S.Delivered]: [],
  [S.Cancelled]: [],
};

export const CANCEL: Target = T.Cancelled;

/** The moves an administrator may make from this status. */
export function adminMoves(status: Status): readonly Target[] {
  return NEXT[status] ?? [];
}

/** A customer may cancel their own order until it has shipped. */
export function customerMayCancel(status: Status): boolean {
  return NEXT[status]?.includes(T.Cancelled) ?? false;
}

/** The label of the button that makes the move. */
export function moveLabel(target: Target): string {
  switch (target) {
    case T.Confirmed:
      return 'Confirm';
    case T.Shipped:
      return 'Mark shipped';
    case T.Delivered:
      return 'Mark delivered';
    case T.Cancelled:
      return 'Cancel order';
  }
}

/** How a status reads on a page. */
export function statusLabel(status: Status): string {
  return status.charAt(0) + status.slice(1).toLowerCase();
}
