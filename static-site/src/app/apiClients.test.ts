import { describe, expect, it } from 'vitest';
import type { Realm, SiteConfig } from '../config';
import { sessionApiClients } from './apiClients';

const config: SiteConfig = {
  apiBaseUrl: '',
  authorizeUrl: 'http://localhost:8080/oauth2/authorize',
  tokenUrl: 'http://localhost:8080/oauth2/token',
  logoutUrl: '',
  revokeUrl: '',
  clientId: 'serverless-shop-web',
  scopes: ['openid', 'shop/orders'],
  currency: 'USD',
  admin: {
    apiBaseUrl: 'http://localhost:8080/admin',
    authorizeUrl: 'http://localhost:8080/admin-oauth2/authorize',
    tokenUrl: 'http://localhost:8080/admin-oauth2/token',
    logoutUrl: '',
    revokeUrl: '',
    clientId: 'serverless-shop-admin',
    scopes: ['openid', 'shop/orders'],
  },
};

/** The requests the generated clients send for a session of the given realm (or none). */
function clientsFor(realm: Realm | undefined) {
  const requests: Array<{ url: string; authorization: string | null }> = [];
  const fetchApi = (async (url: string, init: RequestInit) => {
    requests.push({ url, authorization: new Headers(init.headers).get('Authorization') });
    return new Response(JSON.stringify({ items: [] }), { headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  const session = { realm, accessToken: async () => (realm ? `${realm}-token` : undefined) };
  return { api: sessionApiClients(config, session, fetchApi), requests };
}

describe('the API clients of a session', () => {
  it("send an administrator's requests to the administrators' API, with the token", async () => {
    const { api, requests } = clientsFor('admin');
    await api().customerOrders.listCustomerOrders({ customerId: 'alice' });
    expect(requests).toEqual([
      { url: 'http://localhost:8080/admin/customers/alice/orders', authorization: 'Bearer admin-token' },
    ]);
  });

  it("send a shopper's requests, and everybody's when nobody is signed in, to the shoppers' API", async () => {
    const shopper = clientsFor('shopper');
    await shopper.api().customerOrders.listCustomerOrders({ customerId: 'alice' });
    expect(shopper.requests).toEqual([{ url: '/customers/alice/orders', authorization: 'Bearer shopper-token' }]);

    const nobody = clientsFor(undefined);
    await nobody.api().products.listProducts({});
    expect(nobody.requests).toEqual([{ url: '/products', authorization: null }]);
  });
});
