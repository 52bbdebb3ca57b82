// The site's configuration, read at run time from config.json next to index.html, so one build
// serves every environment: the deployment writes config.json (Terraform in AWS; the local cloud's
// gateway serves its own). See static-site/README.md for the keys.

/**
 * Who signs in: shoppers at the shop's issuer, administrators at an issuer of their own (a user
 * pool that requires TOTP MFA; Cognito sets MFA per pool, not per group), each with its own API
 * base (one JWT authorizer accepts one issuer).
 */
export type Realm = 'shopper' | 'admin';

/** Where one realm signs in and where its requests go. */
export interface RealmConfig {
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
}

/** The shoppers' realm at the top level, as config.json has it. */
export interface SiteConfig extends RealmConfig {
  /** ISO 4217 code of the shop's currency, for showing prices. */
  currency: string;
  /** The administrators' realm; undefined: the site offers no administrator sign-in. */
  admin?: RealmConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The configuration of a realm, or undefined when the site has none for it. */
export function realmConfig(config: SiteConfig, realm: Realm): RealmConfig | undefined {
  return realm === 'admin' ? config.admin : config;
}

/** Checks config.json's content; relative URLs are resolved against the page (same origin). */
export function parseSiteConfig(json: unknown, pageUrl: string): SiteConfig {
  const raw = object(json, 'config.json must hold a JSON object');
  const currency = text(raw, '', 'currency', 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ConfigError(`config.json: "currency" must be an ISO 4217 code like USD, not ${currency}`);
  }
  return {
    ...parseRealm(raw, '', pageUrl, { apiBaseRequired: false }),
    currency,
    ...(raw.admin === undefined || raw.admin === null
      ? {}
      : {
          // Administrators' tokens are for an API of their own (its authorizer trusts their issuer,
          // the shoppers' does not): falling back to the shoppers' API would only ever get 401s.
          admin: parseRealm(object(raw.admin, 'config.json: "admin" must be an object'), 'admin.', pageUrl, {
            apiBaseRequired: true,
          }),
        }),
  };
}

function object(json: unknown, message: string): Record<string, unknown> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError(message);
  }
  return json as Record<string, unknown>;
}

/** A string of one object of config.json; prefix names the object in messages ("admin."). */
function text(raw: Record<string, unknown>, prefix: string, key: string, fallback?: string): string {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'string') {
    throw new ConfigError(`config.json: "${prefix}${key}" must be a string`);
  }
  return value.trim();
}

function parseRealm(
  raw: Record<string, unknown>,
  prefix: string,
  pageUrl: string,
  { apiBaseRequired }: { apiBaseRequired: boolean },
): RealmConfig {
  const field = (key: string, fallback?: string) => text(raw, prefix, key, fallback);
  const url = (key: string, required: boolean): string => {
    const value = field(key, required ? undefined : '');
    if (value === '') {
      if (required) {
        throw new ConfigError(`config.json: "${prefix}${key}" must not be empty`);
      }
      return '';
    }
    try {
      return new URL(value, pageUrl).href;
    } catch {
      throw new ConfigError(`config.json: "${prefix}${key}" is not a URL: ${value}`);
    }
  };
  // shop/orders: every protected operation of the API needs it (the scope of both issuers' resource server `shop`).
  const scopes = raw.scopes ?? ['openid', 'shop/orders'];
  const scopeList = typeof scopes === 'string' ? scopes.split(/\s+/) : scopes;
  if (!Array.isArray(scopeList) || !scopeList.every((s) => typeof s === 'string')) {
    throw new ConfigError(`config.json: "${prefix}scopes" must be a list of strings`);
  }
  const clientId = field('client_id');
  if (clientId === '') {
    throw new ConfigError(`config.json: "${prefix}client_id" must not be empty`);
  }
  return {
    apiBaseUrl: url('api_base_url', apiBaseRequired).replace(/\/+$/, ''),
    authorizeUrl: url('authorize_url', true),
    tokenUrl: url('token_url', true),
    logoutUrl: url('logout_url', false),
    revokeUrl: url('revoke_url', false),
    clientId,
    scopes: scopeList.filter((s: string) => s !== ''),
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
