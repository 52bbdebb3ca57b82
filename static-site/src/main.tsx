// Start-up: read config.json, finish a sign-in if the issuer just sent the browser back, make the
// API clients, show the shop.
import { render } from 'preact';
import { sessionApiClients } from './app/apiClients';
import { App } from './app/App';
import { ServicesContext, type Services } from './app/services';
import { Session } from './auth/session';
import { createCartStore } from './cart/cartStore';
import { CheckoutAttempts } from './checkout/checkoutAttempt';
import { loadSiteConfig } from './config';
import { formatMoney } from './money';
import { createStore } from './store';
import './styles.css';

async function start(root: HTMLElement): Promise<void> {
  const config = await loadSiteConfig();
  const session = new Session(config, {
    storage: sessionStorage,
    fetch: (input, init) => fetch(input, init),
    navigate: (url) => location.assign(url),
  });
  const notice = createStore('');
  const signedIn = await session.completeSignIn(new URL(location.href));
  if (signedIn.kind !== 'none') {
    // The code and state leave the address bar (and the history) at once: they are single-use.
    history.replaceState(null, '', `${location.pathname}${signedIn.returnTo}`);
    const user = session.user.get();
    notice.set(
      signedIn.kind === 'signed-in'
        ? `Signed in as ${user?.name}${user?.realm === 'admin' ? ', administrator' : ''}.`
        : signedIn.message,
    );
  }
  const apiClients = sessionApiClients(config, session);
  const services: Services = {
    config,
    session,
    get api() {
      return apiClients();
    },
    cart: createCartStore(localStorage, window),
    checkoutAttempts: new CheckoutAttempts(localStorage),
    notice,
    money: (cents) => formatMoney(cents, config.currency),
    signIn: (realm) => void session.signIn(realm, location.hash || '#/', `${location.origin}${location.pathname}`),
    signOut: () => {
      void session.signOut(`${location.origin}${location.pathname}`);
      notice.set('You are signed out.');
    },
  };
  root.replaceChildren(); // the "Loading…" line of index.html; render() would add to it, not replace it
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}

const root = document.getElementById('app')!;
start(root).catch((error: unknown) => {
  // Without its configuration the shop cannot work; say so plainly instead of a blank page.
  root.replaceChildren();
  const main = document.createElement('main');
  main.className = 'fatal';
  main.innerHTML = '<h1>The shop could not start</h1><p></p><p><button type="button">Try again</button></p>';
  main.querySelector('p')!.textContent = error instanceof Error ? error.message : String(error);
  main.querySelector('button')!.addEventListener('click', () => location.reload());
  root.append(main);
  console.warn('serverless-shop could not start:', error);
});
