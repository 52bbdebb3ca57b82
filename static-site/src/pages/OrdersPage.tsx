import { useServices } from '../app/services';
import { OrderCard } from '../orders/OrderViews';
import { href } from '../router';
import { Empty, Loading, LoadMore, PageHeading, ProblemAlert, SignInRequired } from '../ui/Feedback';
import { usePagedList, useStore, useTitle } from '../ui/hooks';

const PAGE_SIZE = 10;

export function OrdersPage() {
  const { session } = useServices();
  const user = useStore(session.user);
  useTitle('Your orders');
  return (
    <>
      <PageHeading>Your orders</PageHeading>
      {user ? <OrderHistory customerId={user.id} /> : <SignInRequired>Sign in to see your orders.</SignInRequired>}
    </>
  );
}

function OrderHistory({ customerId }: { customerId: string }) {
  const { api } = useServices();
  const list = usePagedList(
    (cursor) => api.customerOrders.listCustomerOrders({ customerId, limit: PAGE_SIZE, cursor }),
    [api, customerId],
  );
  if (list.loading) {
    return <Loading>Loading your orders…</Loading>;
  }
  if (list.problem && list.items.length === 0) {
    return <ProblemAlert problem={list.problem} onRetry={list.reload} />;
  }
  if (list.items.length === 0) {
    return (
      <Empty>
        <p>
          You have not ordered anything yet. <a href={href.catalog()}>Browse the catalog</a>
        </p>
      </Empty>
    );
  }
  return (
    <>
      <ul class="order-list">
        {list.items.map((order) => (
          <li key={order.orderId}>
            <OrderCard order={order} />
          </li>
        ))}
      </ul>
      {list.problem && <ProblemAlert problem={list.problem} onRetry={list.loadMore} />}
      <LoadMore visible={list.hasMore} busy={list.loadingMore} onClick={list.loadMore} what="orders" />
    </>
  );
}
