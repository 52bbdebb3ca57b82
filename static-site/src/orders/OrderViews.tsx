// An order as a card in a list (history, administration) and in full (its own page).
import type { orders } from '@serverless-shop/api-client';
import type { ComponentChildren } from 'preact';
import { useServices } from '../app/services';
import { countryName } from '../checkout/address';
import { toCents } from '../money';
import { href } from '../router';
import { formatDateTime, orderName } from './format';
import { statusLabel } from './transitions';

export function StatusBadge({ status }: { status: orders.OrderStatus }) {
  return <span class={`status status--${status.toLowerCase()}`}>{statusLabel(status)}</span>;
}

export function OrderCard({
  order,
  showCustomer = false,
  children,
}: {
  order: orders.Order;
  showCustomer?: boolean;
  children?: ComponentChildren;
}) {
  const { money } = useServices();
  return (
    <article class="order-card">
      <h2>
        <a href={href.order(order.orderId)}>{orderName(order)}</a>
      </h2>
      <p class="order-card__meta">
        <StatusBadge status={order.orderStatus} />
        <span>{formatDateTime(order.orderDate)}</span>
        {showCustomer && <span>Customer {order.customerId}</span>}
      </p>
      <p>{order.items.map((item) => `${item.quantity} × ${item.productName}`).join(', ')}</p>
      <p class="price">{money(toCents(order.totalAmount))}</p>
      {children}
    </article>
  );
}

export function OrderDetails({ order }: { order: orders.Order }) {
  const { money } = useServices();
  const address = order.shippingAddress;
  return (
    <div class="order-details">
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={order.orderStatus} />
        </dd>
        <dt>Placed</dt>
        <dd>{formatDateTime(order.orderDate)}</dd>
        <dt>Last change</dt>
        <dd>{formatDateTime(order.updatedAt)}</dd>
        <dt>Order id</dt>
        <dd class="mono">{order.orderId}</dd>
        <dt>Customer</dt>
        <dd>{order.customerId}</dd>
      </dl>
      <h2>Items</h2>
      <table class="items">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" class="num">
              Quantity
            </th>
            <th scope="col" class="num">
              Unit price
            </th>
            <th scope="col" class="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => {
            const unit = toCents(item.pricePerUnit);
            return (
              <tr key={item.productId}>
                <td>{item.productName}</td>
                <td class="num">{item.quantity}</td>
                <td class="num">{money(unit)}</td>
                <td class="num">{money(unit * item.quantity)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td class="num price">{money(toCents(order.totalAmount))}</td>
          </tr>
        </tfoot>
      </table>
      <h2>Shipping address</h2>
      <address>
        {address.street}
        <br />
        {address.zipCode} {address.city}
        <br />
        {countryName(address.country) ?? address.country}
      </address>
    </div>
  );
}
