// The site's configuration, read at run time from config.json next to index.html, so one build
// serves every environment: the deployment writes config.json (Terraform in AWS; the local cloud's
// gateway serves its own). See static-site/README.md for the keys.

export interface SiteConfig {
  /** Where the API is; '' for the page's own origin. */
  apiBaseUrl: string;
  /** The OAuth 2.0 authorization endpoint: Cognito's hosted UI /oauth2/authorize, or the local issuer's. */
  authorizeUrl: string;
  tokenUrl: string;
  /** Where the issuer ends its own session after the site forgot the tokens; '' when it keeps none. */
  logoutUrl: string;
  /** The issuer's token revocation endpoint (Cognito's /oauth2/revoke); '' when there is none. */
  revokeUrl: string;
  /** The public app client (authorization code with PKCE, no secret). */
  clientId: string;
  scopes: string[];
  /** ISO 4217 code of the shop's currency, for showing prices. */
  currency: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Checks config.json's content; relative URLs are resolved against the page (same origin). */
export function parseSiteConfig(json: unknown, pageUrl: string): SiteConfig {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError('config.json must hold a JSON object');
  }
  const raw = json as Record<string, unknown>;
  const text = (key: string, fallback?: string): string => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'string') {
      throw new ConfigError(`config.json: "${key}" must be a string`);
    }
    return value.trim();
  };
  const url = (key: string, required: boolean): string => {
    const value = text(key, required ? undefined : '');
    if (value === '') {
      if (required) {
        throw new ConfigError(`config.json: "${key}" must not be empty`);
      }
      return '';
    }
    try {
      return new URL(value, pageUrl).href;
    } catch {
      throw new ConfigError(`config.json: "${key}" is not a URL: ${value}`);
    }
  };
  const apiBase = text('api_base_url', '');
  // shop/orders: every protected operation of the API needs it, and only the shop's sign-in is granted it.
  const scopes = raw.scopes ?? ['openid', 'shop/orders'];
  const scopeList = typeof scopes === 'string' ? scopes.split(/\s+/) : scopes;
  if (!Array.isArray(scopeList) || !scopeList.every((s) => typeof s === 'string')) {
    throw new ConfigError('config.json: "scopes" must be a list of strings');
  }
  const currency = text('currency', 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ConfigError(`config.json: "currency" must be an ISO 4217 code like USD, not ${currency}`);
  }
  const clientId = text('client_id');
  if (clientId === '') {
    throw new ConfigError('config.json: "client_id" must not be empty');
  }
  return {
    apiBaseUrl: apiBase === '' ? '' : new URL(apiBase, pageUrl).href.replace(/\/+$/, ''),
    authorizeUrl: url('authorize_url', true),
    tokenUrl: url('token_url', true),
    logoutUrl: url('logout_url', false),
    revokeUrl: url('revoke_url', false),
    clientId,
    scopes: scopeList.filter((s: string) => s !== ''),
    currency,
  };
}

export async function loadSiteConfig(pageUrl: string = document.baseURI): Promise<SiteConfig> {
  const location = new URL('config.json', pageUrl);
  let response: Response;
  try {
    // no-store: a new deployment's configuration applies at the next page load.
    response = await fetch(location, { cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(`${location.pathname} could not be loaded: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new ConfigError(
      `${location.pathname} answered ${response.status}: the deployment must put a config.json next to index.html`,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError(`${location.pathname} is not JSON`);
  }
  return parseSiteConfig(json, pageUrl);
}
