// The API clients the pages use: an administrator's session calls the administrators' API
// (config.json's admin.api_base_url, e.g. /admin), whose authorizer trusts the administrators'
// issuer; everybody else calls the shoppers' API, whose authorizer trusts the shoppers' issuer.
import { type ApiClients, createApiClients } from '@serverless-shop/api-client';
import type { Session } from '../auth/session';
import type { SiteConfig } from '../config';

/** The clients for the session as it is now (ask again after a sign-in or sign-out). */
export function sessionApiClients(
  config: SiteConfig,
  session: Pick<Session, 'realm' | 'accessToken'>,
  fetchApi?: typeof fetch,
): () => ApiClients {
  const accessToken = () => session.accessToken();
  const shopper = createApiClients({ baseUrl: config.apiBaseUrl, accessToken, fetchApi });
  const admin = config.admin && createApiClients({ baseUrl: config.admin.apiBaseUrl, accessToken, fetchApi });
  return () => (session.realm === 'admin' && admin ? admin : shopper);
}
