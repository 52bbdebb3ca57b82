// What every page has: a skip link, the header with the navigation and the account, a line for
// notices (a live region, so screen readers hear "Added to your cart"), and the main landmark.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { unitCount } from '../cart/cart';
import { href, type Route } from '../router';
import { useStore } from '../ui/hooks';
import { useServices } from './services';

const NOTICE_MS = 8000;

export function Layout({ route, children }: { route: Route; children: ComponentChildren }) {
  const { config, session, cart, notice, signIn, signOut } = useServices();
  const user = useStore(session.user);
  const units = unitCount(useStore(cart));
  const message = useStore(notice);

  useEffect(() => {
    if (message === '') {
      return undefined;
    }
    const timer = setTimeout(() => notice.set(''), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [message, notice]);

  const current = (page: Route['page'] | Array<Route['page']>) =>
    ([] as Array<Route['page']>).concat(page).includes(route.page) ? 'page' : undefined;

  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault(); // the fragment is the router's
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href={href.catalog()}>
          serverless-shop
        </a>
        <nav aria-label="Shop">
          <ul>
            <li>
              <a href={href.catalog()} aria-current={current(['catalog', 'product'])}>
                Catalog
              </a>
            </li>
            <li>
              <a href={href.cart()} aria-current={current(['cart', 'checkout'])}>
                Cart{' '}
                <span class="badge" aria-label={`${units} ${units === 1 ? 'item' : 'items'}`}>
                  {units}
                </span>
              </a>
            </li>
            {user && (
              <li>
                <a href={href.orders()} aria-current={current(['orders', 'order'])}>
                  Your orders
                </a>
              </li>
            )}
            {user?.isAdmin && (
              <>
                <li>
                  <a href={href.adminProducts()} aria-current={current(['admin-products', 'admin-product'])}>
                    Products
                  </a>
                </li>
                <li>
                  <a href={href.adminCategories()} aria-current={current('admin-categories')}>
                    Categories
                  </a>
                </li>
                <li>
                  <a href={href.adminOrders()} aria-current={current('admin-orders')}>
                    Orders
                  </a>
                </li>
              </>
            )}
          </ul>
        </nav>
        <div class="account">
          {user ? (
            <>
              <span class="account__name">
                {user.name}
                {user.realm === 'admin' && <span class="tag">administrator</span>}
              </span>
              <button type="button" class="secondary" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <>
              {/* The shop's sign-in is the shoppers'; administrators sign in on the admin pages. */}
              {config.admin && (
                <a class="account__admin" href={href.adminProducts()}>
                  Administrator sign-in
                </a>
              )}
              <button type="button" onClick={() => signIn('shopper')}>
                Sign in
              </button>
            </>
          )}
        </div>
      </header>
      <div class="notice" role="status" aria-live="polite">
        {message && <p>{message}</p>}
      </div>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
