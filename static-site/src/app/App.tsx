// Which page the fragment names, inside the layout; on a change of page the new page's heading
// takes the focus, so keyboard and screen reader users start reading where the page starts.
import { useEffect, useRef, useState } from 'preact/hooks';
import { AdminCategoriesPage } from '../admin/AdminCategoriesPage';
import { AdminOrdersPage } from '../admin/AdminOrdersPage';
import { AdminProductsPage } from '../admin/AdminProductsPage';
import { ProductFormPage } from '../admin/ProductFormPage';
import { CartPage } from '../pages/CartPage';
import { CatalogPage } from '../pages/CatalogPage';
import { CheckoutPage } from '../pages/CheckoutPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { OrderPage } from '../pages/OrderPage';
import { OrdersPage } from '../pages/OrdersPage';
import { ProductPage } from '../pages/ProductPage';
import { parseRoute, type Route } from '../router';
import { useStore } from '../ui/hooks';
import { Layout } from './Layout';
import { useServices } from './services';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** A new page, as opposed to the same page with another search. */
function pageKey(route: Route): string {
  return 'id' in route ? `${route.page}:${route.id}` : route.page;
}

function page(route: Route) {
  switch (route.page) {
    case 'catalog':
      return <CatalogPage query={route.query} />;
    case 'product':
      return <ProductPage id={route.id} />;
    case 'cart':
      return <CartPage />;
    case 'checkout':
      return <CheckoutPage />;
    case 'orders':
      return <OrdersPage />;
    case 'order':
      return <OrderPage id={route.id} placed={route.placed} />;
    case 'admin-products':
      return <AdminProductsPage />;
    case 'admin-product':
      return <ProductFormPage key={route.id ?? 'new'} id={route.id} />;
    case 'admin-categories':
      return <AdminCategoriesPage />;
    case 'admin-orders':
      return <AdminOrdersPage customer={route.customer} status={route.status} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}

export function App() {
  const route = useRoute();
  // A sign-in or sign-out renders the page again, so that it calls the API of the new session.
  useStore(useServices().session.user);
  const key = pageKey(route);
  const shown = useRef(key);
  useEffect(() => {
    if (shown.current === key) {
      return; // the first page keeps the browser's own focus handling
    }
    shown.current = key;
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [key]);
  return <Layout route={route}>{page(route)}</Layout>;
}
