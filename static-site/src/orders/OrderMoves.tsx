// The status changes the signed-in user may make to an order: an administrator moves it along the
// state machine; its customer may cancel it until it ships. Cancelling asks once more first.
import type { orders } from '@serverless-shop/api-client';
import { useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { asProblem } from '../problems/problemView';
import { ProblemAlert } from '../ui/Feedback';
import { useStore } from '../ui/hooks';
import { orderName } from './format';
import { adminMoves, CANCEL, customerMayCancel, moveLabel, statusLabel, type Target } from './transitions';

export function OrderMoves({ order, onChanged }: { order: orders.Order; onChanged: (order: orders.Order) => void }) {
  const { api, session, notice } = useServices();
  const user = useStore(session.user);
  const [busy, setBusy] = useState<Target | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof asProblem> | null>(null);

  const moves = user?.isAdmin
    ? adminMoves(order.orderStatus)
    : user?.id === order.customerId && customerMayCancel(order.orderStatus)
      ? [CANCEL]
      : [];
  if (moves.length === 0 && !problem) {
    return null;
  }

  const move = async (target: Target) => {
    setBusy(target);
    setProblem(null);
    try {
      const changed = await api.orders.updateOrderStatus({
        orderId: order.orderId,
        orderStatusUpdate: { orderStatus: target },
      });
      notice.set(`${orderName(changed)} is now ${statusLabel(changed.orderStatus).toLowerCase()}.`);
      setConfirmingCancel(false);
      onChanged(changed);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="order-moves">
      {problem && <ProblemAlert problem={problem} />}
      {confirmingCancel ? (
        <p class="actions confirm" role="group" aria-label={`Cancel ${orderName(order)}?`}>
          <span>Cancel {orderName(order)}? Its items go back into stock.</span>
          <button
            type="button"
            class="danger"
            disabled={busy !== null}
            aria-busy={busy !== null}
            onClick={() => move(CANCEL)}
          >
            Yes, cancel it
          </button>
          <button type="button" class="secondary" onClick={() => setConfirmingCancel(false)}>
            Keep it
          </button>
        </p>
      ) : (
        <p class="actions">
          {moves.map((target) => (
            <button
              key={target}
              type="button"
              class={target === CANCEL ? 'danger' : undefined}
              disabled={busy !== null}
              aria-busy={busy === target}
              onClick={() => (target === CANCEL ? setConfirmingCancel(true) : move(target))}
            >
              {moveLabel(target)}
              <span class="visually-hidden"> {orderName(order)}</span>
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
