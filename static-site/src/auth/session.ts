// Signing in with the OAuth 2.0 authorization code flow and PKCE, the same code against Cognito's
// hosted UI in AWS and the local issuer at home (config.json says where each endpoint is). Tokens
// live in sessionStorage: gone when the tab closes, not shared with other tabs, never in a cookie;
// the refresh token lasts hours, not days, and is revoked at sign-out (why: static-site/README.md).
// One session at a time, a shopper's or an administrator's: each realm has its own issuer, client
// and API (config.json's top level and its "admin" object), and the session remembers which it is.
import { type Realm, type RealmConfig, realmConfig, type SiteConfig } from '../config';
import { createStore, type Store } from '../store';
import { decodeClaims, expiryOf, type User, userOf } from './claims';
import { pkceChallenge, randomUrlSafe } from './pkce';

export const TOKENS_KEY = 'serverless-shop.tokens.v1';
export const PENDING_SIGN_IN_KEY = 'serverless-shop.sign-in.v1';
const NOT_OFFERED = 'This sign-in is not offered any more. Please reload the page.';
/** Refresh this long before expiry, so a request never leaves with a token about to expire. */
const EXPIRY_MARGIN_MS = 30_000;

interface Tokens {
  realm: Realm;
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

interface PendingSignIn {
  realm: Realm;
  state: string;
  verifier: string;
  redirectUri: string;
  returnTo: string;
}

export type SignInResult =
  { kind: 'none' } | { kind: 'signed-in'; returnTo: string } | { kind: 'failed'; message: string; returnTo: string };

export interface SessionDependencies {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetch: typeof fetch;
  navigate: (url: string) => void;
  now?: () => number;
}

export class Session {
  /** The signed-in user, or null. */
  readonly user: Store<User | null>;
  private tokens: Tokens | null;
  private refreshing: Promise<string | undefined> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly config: SiteConfig,
    private readonly deps: SessionDependencies,
  ) {
    this.now = deps.now ?? Date.now;
    this.tokens = this.readTokens();
    if (
      this.tokens &&
      // A realm config.json no longer has (a new deployment) cannot refresh, revoke or be called.
      (!realmConfig(config, this.tokens.realm) || (this.tokens.expiresAt <= this.now() && !this.tokens.refreshToken))
    ) {
      this.forget();
    }
    this.user = createStore(this.tokens ? userFromTokens(this.tokens) : null);
  }

  /** Whose session this is; undefined when nobody is signed in. */
  get realm(): Realm | undefined {
    return this.tokens?.realm;
  }

  /** Leaves for the realm's sign-in page; the issuer sends the browser back to redirectUri. */
  async signIn(realm: Realm, returnTo: string, redirectUri: string): Promise<void> {
    const issuer = this.issuer(realm);
    if (!issuer) {
      throw new Error(`config.json has no sign-in for the ${realm} realm`);
    }
    const pending: PendingSignIn = {
      realm,
      state: randomUrlSafe(16),
      verifier: randomUrlSafe(32),
      redirectUri,
      returnTo,
    };
    this.deps.storage.setItem(PENDING_SIGN_IN_KEY, JSON.stringify(pending));
    const url = new URL(issuer.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: issuer.clientId,
      redirect_uri: redirectUri,
      scope: issuer.scopes.join(' '),
      state: pending.state,
      code_challenge: await pkceChallenge(pending.verifier),
      code_challenge_method: 'S256',
    }).toString();
    this.deps.navigate(url.href);
  }

  /** On return from the issuer (?code=...&state=...): exchanges the code for tokens. */
  async completeSignIn(pageUrl: URL): Promise<SignInResult> {
    const params = pageUrl.searchParams;
    if (!params.has('code') && !params.has('error')) {
      return { kind: 'none' };
    }
    const pending = this.takePendingSignIn();
    const returnTo = pending?.returnTo ?? '#/';
    // The state ties the answer to the request this tab made: anything else is not ours to accept,
    // nor to show. A link anyone can craft (?error_description=...) must not put its words on our page.
    if (!pending || params.get('state') !== pending.state) {
      return {
        kind: 'failed',
        returnTo,
        message: 'This sign-in was not started here or has already been used. Please sign in again.',
      };
    }
    if (params.has('error')) {
      return {
        kind: 'failed',
        returnTo,
        message: params.get('error_description') || `Sign-in failed: ${params.get('error')}`,
      };
    }
    const issuer = this.issuer(pending.realm);
    if (!issuer) {
      return { kind: 'failed', returnTo, message: NOT_OFFERED };
    }
    const answer = await this.tokenRequest(pending.realm, {
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: issuer.clientId,
      code_verifier: pending.verifier,
    });
    if (typeof answer === 'string') {
      return { kind: 'failed', returnTo, message: answer };
    }
    // One session at a time: the one this replaces (a shopper who signed in as an administrator)
    // is over, its refresh token too.
    const replaced = this.tokens;
    this.keep(answer);
    if (replaced) {
      await this.revoke(replaced);
    }
    return { kind: 'signed-in', returnTo };
  }

  /** A valid access token, refreshed when it is about to expire; undefined when signed out. */
  async accessToken(): Promise<string | undefined> {
    const tokens = this.tokens;
    if (!tokens) {
      return undefined;
    }
    if (tokens.expiresAt - EXPIRY_MARGIN_MS > this.now()) {
      return tokens.accessToken;
    }
    if (!tokens.refreshToken) {
      this.forget();
      return undefined;
    }
    // One refresh for all the requests that noticed the expiry at once.
    this.refreshing ??= this.refresh(tokens.realm, tokens.refreshToken).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Forgets the tokens and revokes the refresh token at the issuer, so a copy of it (storage that
   * scripts can read) is worth nothing after sign-out; with a logout URL (Cognito), the issuer ends
   * its own session too. A revocation that fails still signs out here: the token then lives out its
   * few hours.
   */
  async signOut(redirectUri: string): Promise<void> {
    const tokens = this.tokens;
    this.forget();
    if (!tokens) {
      return;
    }
    await this.revoke(tokens);
    const issuer = this.issuer(tokens.realm);
    if (issuer?.logoutUrl) {
      const url = new URL(issuer.logoutUrl);
      // Cognito's /logout names them client_id and logout_uri.
      url.searchParams.set('client_id', issuer.clientId);
      url.searchParams.set('logout_uri', redirectUri);
      this.deps.navigate(url.href);
    }
  }

  /** The API said 401: the token is no good any more, whatever its expiry says. */
  expired(): void {
    this.forget();
  }

  private issuer(realm: Realm): RealmConfig | undefined {
    return realmConfig(this.config, realm);
  }

  /** Revokes the refresh token at its issuer; a failure is no reason to stay signed in. */
  private async revoke(tokens: Tokens): Promise<void> {
    const issuer = this.issuer(tokens.realm);
    if (!tokens.refreshToken || !issuer?.revokeUrl) {
      return;
    }
    await this.deps
      .fetch(issuer.revokeUrl, {
        method: 'POST',
        body: new URLSearchParams({ token: tokens.refreshToken, client_id: issuer.clientId }),
        // The logout URL takes the browser away next: the request must not die with the page.
        keepalive: true,
      })
      .catch(() => undefined);
  }

  private async refresh(realm: Realm, refreshToken: string): Promise<string | undefined> {
    const answer = await this.tokenRequest(realm, {
      grant_type: 'refresh_token',
      client_id: this.issuer(realm)?.clientId ?? '',
      refresh_token: refreshToken,
    });
    if (typeof answer === 'string') {
      this.forget();
      return undefined;
    }
    // Cognito does not rotate refresh tokens: keep the one we have when none comes back.
    this.keep({ ...answer, refreshToken: answer.refreshToken ?? refreshToken });
    return answer.accessToken;
  }

  /** The realm's tokens, or a message saying why there are none. */
  private async tokenRequest(realm: Realm, form: Record<string, string>): Promise<Tokens | string> {
    const tokenUrl = this.issuer(realm)?.tokenUrl;
    if (!tokenUrl) {
      return NOT_OFFERED;
    }
    let response: Response;
    try {
      response = await this.deps.fetch(tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
    } catch {
      return 'The sign-in service could not be reached. Check your connection and try again.';
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason =
        typeof body.error_description === 'string'
          ? body.error_description
          : typeof body.error === 'string'
            ? body.error
            : `status ${response.status}`;
      return `Sign-in failed (${reason}). Please sign in again.`;
    }
    const claims = decodeClaims(body.access_token) ?? {};
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
    return {
      realm,
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      expiresAt: expiryOf(claims) ?? this.now() + expiresIn,
    };
  }

  private keep(tokens: Tokens): void {
    this.tokens = tokens;
    this.deps.storage.setItem(TOKENS_KEY, JSON.stringify(tokens));
    this.user?.set(userFromTokens(tokens));
  }

  private forget(): void {
    this.tokens = null;
    this.deps.storage.removeItem(TOKENS_KEY);
    this.user?.set(null);
  }

  private readTokens(): Tokens | null {
    try {
      const value = JSON.parse(this.deps.storage.getItem(TOKENS_KEY) ?? 'null') as Partial<Tokens> | null;
      return value && typeof value.accessToken === 'string' && typeof value.expiresAt === 'number'
        ? {
            // Tokens kept before there were two realms are a shopper's.
            realm: value.realm === 'admin' ? 'admin' : 'shopper',
            accessToken: value.accessToken,
            refreshToken: value.refreshToken,
            expiresAt: value.expiresAt,
          }
        : null;
    } catch {
      return null;
    }
  }

  private takePendingSignIn(): PendingSignIn | null {
    const raw = this.deps.storage.getItem(PENDING_SIGN_IN_KEY);
    this.deps.storage.removeItem(PENDING_SIGN_IN_KEY); // a code is exchanged once
    try {
      const pending = JSON.parse(raw ?? 'null') as PendingSignIn | null;
      return pending && typeof pending.state === 'string' && typeof pending.verifier === 'string'
        ? { ...pending, realm: pending.realm === 'admin' ? 'admin' : 'shopper' }
        : null;
    } catch {
      return null;
    }
  }
}

function userFromTokens(tokens: Tokens): User | null {
  const claims = decodeClaims(tokens.accessToken);
  return claims ? userOf(claims, tokens.realm) : null;
}
