import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../app/services';
import { applyShortages, canCheckOut } from '../cart/cart';
import { lineMessage } from '../cart/lineMessages';
import { useFreshCart } from '../cart/useFreshCart';
import { ADDRESS_FIELDS, type AddressForm, countryName, validateAddress } from '../checkout/address';
import { loadAddressDraft, saveAddressDraft } from '../checkout/addressDraft';
import { orderDraft } from '../checkout/orderDraft';
import { OrderPlacer } from '../checkout/orderPlacer';
import { totalCents } from '../money';
import { href, navigate } from '../router';
import { Empty, PageHeading, ProblemAlert, SignInRequired } from '../ui/Feedback';
import { TextField } from '../ui/Field';
import { useStore, useTitle } from '../ui/hooks';
import { useFormErrors } from '../ui/useFormErrors';

export function CheckoutPage() {
  const { api, cart, session, checkoutAttempts, money } = useServices();
  const user = useStore(session.user);
  const lines = useStore(cart);
  const checking = useFreshCart();
  const [address, setAddress] = useState<AddressForm>(() => loadAddressDraft(sessionStorage));
  const { form, errors, problem, check, failed } = useFormErrors();
  const [placing, setPlacing] = useState(false);
  const placer = useMemo(() => new OrderPlacer(api.orders, checkoutAttempts), [api, checkoutAttempts]);
  useTitle('Checkout');

  if (lines.length === 0) {
    return (
      <>
        <PageHeading>Checkout</PageHeading>
        <Empty>
          <p>
            Your cart is empty. <a href={href.catalog()}>Find something in the catalog</a>
          </p>
        </Empty>
      </>
    );
  }
  if (!user) {
    return (
      <>
        <PageHeading>Checkout</PageHeading>
        <SignInRequired>Sign in to place your order. Your cart stays as it is.</SignInRequired>
      </>
    );
  }

  const edit = (field: keyof AddressForm) => (value: string) => {
    const next = { ...address, [field]: value };
    setAddress(next);
    saveAddressDraft(sessionStorage, next);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!check(validateAddress(address))) {
      return;
    }
    setPlacing(true);
    const result = await placer.place(orderDraft(lines, address));
    setPlacing(false);
    if (result.kind === 'placed') {
      cart.set([]);
      // The order page's heading says it is placed; a banner saying it again would repeat it.
      navigate(href.order(result.order.orderId, true));
      return;
    }
    if (result.problem.shortages.length > 0) {
      cart.update((current) => applyShortages(current, result.problem.shortages));
    }
    failed(result.problem, [...Object.values(ADDRESS_FIELDS), ...lines.map((_, i) => `items[${i}]`)]);
  };

  const country = countryName(address.country.trim().toUpperCase());
  return (
    <>
      <PageHeading>Checkout</PageHeading>
      <div class="checkout">
        <section class="checkout__summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Your order</h2>
          {checking && (
            <p class="hint" role="status">
              Checking prices and stock…
            </p>
          )}
          <ul class="summary-lines">
            {lines.map((line, i) => {
              const message = errors[`items[${i}]`] ?? lineMessage(line);
              return (
                <li key={line.productId}>
                  <span>
                    {line.quantity} × {line.name}
                  </span>
                  <span class="price">{money(line.unitPriceCents * line.quantity)}</span>
                  {message && <p class="field__error">{message}</p>}
                </li>
              );
            })}
          </ul>
          <p class="cart-total">
            Total <span class="price">{money(totalCents(lines))}</span>
          </p>
          <p>
            <a href={href.cart()}>Change the cart</a>
          </p>
        </section>
        <form ref={form} class="checkout__address" noValidate onSubmit={submit} aria-labelledby="address-heading">
          <h2 id="address-heading">Shipping address</h2>
          {problem && (
            <ProblemAlert problem={problem}>
              {problem.code === 'INSUFFICIENT_STOCK' && (
                <span>The quantities are now what is left. Check them and place the order again.</span>
              )}
              {(problem.status === 0 || problem.status >= 500) && (
                <span>Placing the order again is safe: it is never placed twice.</span>
              )}
            </ProblemAlert>
          )}
          <TextField
            name={ADDRESS_FIELDS.street}
            label="Street and house number"
            value={address.street}
            onValue={edit('street')}
            error={errors[ADDRESS_FIELDS.street]}
            autoComplete="address-line1"
            maxLength={200}
            required
          />
          <TextField
            name={ADDRESS_FIELDS.city}
            label="City"
            value={address.city}
            onValue={edit('city')}
            error={errors[ADDRESS_FIELDS.city]}
            autoComplete="address-level2"
            maxLength={100}
            required
          />
          <TextField
            name={ADDRESS_FIELDS.zipCode}
            label="ZIP or postal code"
            value={address.zipCode}
            onValue={edit('zipCode')}
            error={errors[ADDRESS_FIELDS.zipCode]}
            autoComplete="postal-code"
            maxLength={16}
            required
            class="short"
          />
          <TextField
            name={ADDRESS_FIELDS.country}
            label="Country code"
            value={address.country}
            onValue={(value) => edit('country')(value.toUpperCase())}
            error={errors[ADDRESS_FIELDS.country]}
            hint={country ? `Two letters: ${country}` : 'Two letters, e.g. US, GB or DE'}
            autoComplete="country"
            maxLength={2}
            required
            class="short"
          />
          <p class="actions">
            <button type="submit" disabled={placing || !canCheckOut(lines)} aria-busy={placing}>
              {placing ? 'Placing your order…' : `Place order · ${money(totalCents(lines))}`}
            </button>
          </p>
        </form>
      </div>
    </>
  );
}
