import { orders } from '@serverless-shop/api-client';
import { useServices } from '../app/services';
import { orderName } from '../orders/format';
import { OrderMoves } from '../orders/OrderMoves';
import { OrderDetails } from '../orders/OrderViews';
import { href } from '../router';
import { Empty, Loading, PageHeading, ProblemAlert, SignInRequired } from '../ui/Feedback';
import { useLoad, useStore, useTitle } from '../ui/hooks';

/** One order; with `placed`, the confirmation right after the checkout. */
export function OrderPage({ id, placed }: { id: string; placed: boolean }) {
  const { session } = useServices();
  const user = useStore(session.user);
  useTitle(placed ? 'Order placed' : 'Order');
  if (!user) {
    return (
      <>
        <PageHeading>Order</PageHeading>
        <SignInRequired>Sign in to see this order.</SignInRequired>
      </>
    );
  }
  return <LoadedOrder id={id} placed={placed} />;
}

function LoadedOrder({ id, placed }: { id: string; placed: boolean }) {
  const { api, session } = useServices();
  const user = useStore(session.user);
  const [loaded, reload, replace] = useLoad(() => api.orders.getOrder({ orderId: id }), [api, id]);
  if (loaded.status === 'loading') {
    return (
      <>
        <PageHeading>Order</PageHeading>
        <Loading>Loading the order…</Loading>
      </>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <>
        <PageHeading>Order</PageHeading>
        {loaded.problem.status === 404 ? (
          <Empty>
            <p>
              There is no such order among yours. <a href={href.orders()}>Your orders</a>
            </p>
          </Empty>
        ) : (
          <ProblemAlert problem={loaded.problem} onRetry={reload} />
        )}
      </>
    );
  }
  const order = loaded.value;
  return (
    <>
      {/* The thanks are for an order on its way, not for one cancelled since. */}
      {placed && order.orderStatus !== orders.OrderStatus.Cancelled ? (
        <>
          <PageHeading>Thank you! Your order is placed.</PageHeading>
          <p class="lead">
            {orderName(order)}. We will ship it as soon as it is confirmed; its status is kept under “Your orders”.
          </p>
        </>
      ) : (
        <PageHeading>{orderName(order)}</PageHeading>
      )}
      <OrderDetails order={order} />
      <OrderMoves order={order} onChanged={replace} />
      <p class="actions">
        {user?.id === order.customerId && <a href={href.orders()}>All your orders</a>}
        {user?.isAdmin && <a href={href.adminOrders(order.customerId)}>Orders of {order.customerId}</a>}
        <a href={href.catalog()}>Continue shopping</a>
      </p>
    </>
  );
}
