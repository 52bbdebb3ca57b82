import { useServices } from '../app/services';
import { canCheckOut, maxQuantity, removeFromCart, setQuantity } from '../cart/cart';
import { lineMessage } from '../cart/lineMessages';
import { useFreshCart } from '../cart/useFreshCart';
import { totalCents } from '../money';
import { href } from '../router';
import { Empty, PageHeading } from '../ui/Feedback';
import { useStore, useTitle } from '../ui/hooks';
import { QuantityInput } from '../ui/QuantityInput';

export function CartPage() {
  const { cart, money, notice } = useServices();
  const lines = useStore(cart);
  const checking = useFreshCart();
  useTitle('Cart');

  if (lines.length === 0) {
    return (
      <>
        <PageHeading>Your cart</PageHeading>
        <Empty>
          <p>
            Your cart is empty. <a href={href.catalog()}>Find something in the catalog</a>
          </p>
        </Empty>
      </>
    );
  }
  return (
    <>
      <PageHeading>Your cart</PageHeading>
      {checking && (
        <p class="hint" role="status">
          Checking prices and stock…
        </p>
      )}
      <ul class="cart-lines">
        {lines.map((line) => {
          const message = lineMessage(line);
          const max = maxQuantity(line.stock);
          return (
            <li key={line.productId} class="cart-line">
              <a class="cart-line__name" href={href.product(line.productId)}>
                {line.name}
              </a>
              <span class="cart-line__unit">{money(line.unitPriceCents)} each</span>
              {max > 0 ? (
                <QuantityInput
                  id={`quantity-${line.productId}`}
                  label={line.name}
                  value={line.quantity}
                  max={max}
                  onValue={(quantity) => cart.update((current) => setQuantity(current, line.productId, quantity))}
                />
              ) : (
                <span class="cart-line__quantity">×{line.quantity}</span>
              )}
              <span class="cart-line__total price">{money(line.unitPriceCents * line.quantity)}</span>
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  cart.update((current) => removeFromCart(current, line.productId));
                  notice.set(`Removed ${line.name} from your cart.`);
                }}
              >
                Remove<span class="visually-hidden"> {line.name}</span>
              </button>
              {message && <p class="cart-line__problem field__error">{message}</p>}
            </li>
          );
        })}
      </ul>
      <p class="cart-total">
        Total <span class="price">{money(totalCents(lines))}</span>
      </p>
      <p class="hint">Prices are confirmed when you place the order.</p>
      <p class="actions">
        {canCheckOut(lines) ? (
          <a class="button" href={href.checkout()}>
            Check out
          </a>
        ) : (
          <span class="hint">Fix the items marked above to check out.</span>
        )}
        <a href={href.catalog()}>Continue shopping</a>
      </p>
    </>
  );
}
