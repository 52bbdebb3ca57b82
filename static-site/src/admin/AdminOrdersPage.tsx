// Orders of one customer (the contract lists orders per customer), with the status moves the state
// machine allows from each order's status.
import { orders } from '@serverless-shop/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { OrderMoves } from '../orders/OrderMoves';
import { OrderCard } from '../orders/OrderViews';
import { statusLabel } from '../orders/transitions';
import { href, navigate } from '../router';
import { Empty, Loading, LoadMore, PageHeading, ProblemAlert } from '../ui/Feedback';
import { Select, TextField } from '../ui/Field';
import { usePagedList, useTitle } from '../ui/hooks';
import { AdminOnly } from './AdminOnly';

const PAGE_SIZE = 20;
const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9_@.:+-]*$/;
const STATUSES = [
  { value: '', label: 'Any status' },
  ...Object.values(orders.OrderStatus).map((status) => ({ value: status, label: statusLabel(status) })),
];

export function AdminOrdersPage({ customer, status }: { customer: string; status: string }) {
  useTitle(customer ? `Orders of ${customer}` : 'Orders');
  const [customerInput, setCustomerInput] = useState(customer);
  const [statusInput, setStatusInput] = useState(status);
  const [error, setError] = useState<string | undefined>();
  // Follow the address when it changes (back/forward, a link), but not on the first render: effects
  // run after the page is painted, and resetting then would wipe what the user has started typing.
  const shown = useRef({ customer, status });
  useEffect(() => {
    if (shown.current.customer !== customer || shown.current.status !== status) {
      shown.current = { customer, status };
      setCustomerInput(customer);
      setStatusInput(status);
    }
  }, [customer, status]);

  return (
    <>
      <PageHeading>Orders</PageHeading>
      <AdminOnly>
        <form
          class="filters"
          role="search"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const id = customerInput.trim();
            const problem =
              id === ''
                ? 'Enter the customer id (their user name here, the sub of their token).'
                : id.length > 128 || !CUSTOMER_ID.test(id)
                  ? 'A customer id is letters, digits and _ @ . : + -, starting with a letter or digit.'
                  : undefined;
            setError(problem);
            if (!problem) {
              navigate(href.adminOrders(id, statusInput));
            }
          }}
        >
          <TextField
            name="customer_id"
            label="Customer"
            value={customerInput}
            onValue={setCustomerInput}
            error={error}
            maxLength={128}
            autoComplete="off"
            spellcheck={false}
          />
          <Select name="status" label="Status" value={statusInput} onValue={setStatusInput} options={STATUSES} />
          <button type="submit">Find orders</button>
        </form>
        {customer && <CustomerOrders customerId={customer} status={status} />}
      </AdminOnly>
    </>
  );
}

function CustomerOrders({ customerId, status }: { customerId: string; status: string }) {
  const { api } = useServices();
  const list = usePagedList(
    (cursor) =>
      api.customerOrders.listCustomerOrders({
        customerId,
        status: (status || undefined) as orders.OrderStatus | undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, customerId, status],
  );
  if (list.loading) {
    return <Loading>Loading the orders of {customerId}…</Loading>;
  }
  if (list.problem && list.items.length === 0) {
    return <ProblemAlert problem={list.problem} onRetry={list.reload} />;
  }
  if (list.items.length === 0) {
    return (
      <Empty>
        <p>
          {customerId} has no {status ? `${statusLabel(status as orders.OrderStatus).toLowerCase()} ` : ''}orders.
        </p>
      </Empty>
    );
  }
  return (
    <>
      <h2 class="visually-hidden">Orders of {customerId}</h2>
      <ul class="order-list">
        {list.items.map((order) => (
          <li key={order.orderId}>
            <OrderCard order={order} showCustomer>
              <OrderMoves
                order={order}
                onChanged={(changed) => list.replace((o) => o.orderId === changed.orderId, changed)}
              />
            </OrderCard>
          </li>
        ))}
      </ul>
      {list.problem && <ProblemAlert problem={list.problem} onRetry={list.loadMore} />}
      <LoadMore visible={list.hasMore} busy={list.loadingMore} onClick={list.loadMore} what="orders" />
    </>
  );
}
