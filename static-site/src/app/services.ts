// What every page uses, made once at start-up (main.tsx) and handed down through a context.
import type { ApiClients } from '@serverless-shop/api-client';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../auth/session';
import type { CartStore } from '../cart/cartStore';
import type { CheckoutAttempts } from '../checkout/checkoutAttempt';
import type { Realm, SiteConfig } from '../config';
import type { Store } from '../store';

export interface Services {
  config: SiteConfig;
  /** The API of the session as it is now: an administrator's calls go to the administrators' API. */
  readonly api: ApiClients;
  session: Session;
  cart: CartStore;
  checkoutAttempts: CheckoutAttempts;
  /** A short message for everybody, screen readers included ("Added 2 × Desk lamp to your cart."). */
  notice: Store<string>;
  /** Prices in the shop's currency. */
  money: (cents: number) => string;
  /** Sends the browser to the realm's sign-in and back to this page. */
  signIn: (realm: Realm) => void;
  /** Ends the session (the issuer's too, where it keeps one) and says so. */
  signOut: () => void;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) {
    throw new Error('useServices() outside of <ServicesContext.Provider>');
  }
  return services;
}
