// Signing in with the OAuth 2.0 authorization code flow and PKCE, the same code against Cognito's
// hosted UI in AWS and the local issuer at home (config.json says where each endpoint is). Tokens
// live in sessionStorage: gone when the tab closes, not shared with other tabs, never in a cookie;
// the refresh token lasts hours, not days, and is revoked at sign-out (why: static-site/README.md).
import type { SiteConfig } from '../config';
import { createStore, type Store } from '../store';
import { decodeClaims, expiryOf, type User, userOf } from './claims';
import { pkceChallenge, randomUrlSafe } from './pkce';

export const TOKENS_KEY = 'serverless-shop.tokens.v1';
export const PENDING_SIGN_IN_KEY = 'serverless-shop.sign-in.v1';
/** Refresh this long before expiry, so a request never leaves with a token about to expire. */
const EXPIRY_MARGIN_MS = 30_000;

interface Tokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

interface PendingSignIn {
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
    if (this.tokens && this.tokens.expiresAt <= this.now() && !this.tokens.refreshToken) {
      this.forget();
    }
    this.user = createStore(this.tokens ? userFromToken(this.tokens.accessToken) : null);
  }

  /** Leaves for the issuer's sign-in page; the issuer sends the browser back to redirectUri. */
  async signIn(returnTo: string, redirectUri: string): Promise<void> {
    const pending: PendingSignIn = { state: randomUrlSafe(16), verifier: randomUrlSafe(32), redirectUri, returnTo };
    this.deps.storage.setItem(PENDING_SIGN_IN_KEY, JSON.stringify(pending));
    const url = new URL(this.config.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: redirectUri,
      scope: this.config.scopes.join(' '),
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
    const answer = await this.tokenRequest({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: this.config.clientId,
      code_verifier: pending.verifier,
    });
    if (typeof answer === 'string') {
      return { kind: 'failed', returnTo, message: answer };
    }
    this.keep(answer);
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
    this.refreshing ??= this.refresh(tokens.refreshToken).finally(() => {
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
    const refreshToken = this.tokens?.refreshToken;
    this.forget();
    if (refreshToken && this.config.revokeUrl) {
      await this.deps
        .fetch(this.config.revokeUrl, {
          method: 'POST',
          body: new URLSearchParams({ token: refreshToken, client_id: this.config.clientId }),
          // The logout URL takes the browser away next: the request must not die with the page.
          keepalive: true,
        })
        .catch(() => undefined);
    }
    if (this.config.logoutUrl) {
      const url = new URL(this.config.logoutUrl);
      // Cognito's /logout names them client_id and logout_uri.
      url.searchParams.set('client_id', this.config.clientId);
      url.searchParams.set('logout_uri', redirectUri);
      this.deps.navigate(url.href);
    }
  }

  /** The API said 401: the token is no good any more, whatever its expiry says. */
  expired(): void {
    this.forget();
  }

  private async refresh(refreshToken: string): Promise<string | undefined> {
    const answer = await this.tokenRequest({
      grant_type: 'refresh_token',
      client_id: this.config.clientId,
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

  /** The tokens, or a message saying why there are none. */
  private async tokenRequest(form: Record<string, string>): Promise<Tokens | string> {
    let response: Response;
    try {
      response = await this.deps.fetch(this.config.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
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
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      expiresAt: expiryOf(claims) ?? this.now() + expiresIn,
    };
  }

  private keep(tokens: Tokens): void {
    this.tokens = tokens;
    this.deps.storage.setItem(TOKENS_KEY, JSON.stringify(tokens));
    this.user?.set(userFromToken(tokens.accessToken));
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
        ? { accessToken: value.accessToken, refreshToken: value.refreshToken, expiresAt: value.expiresAt }
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
      return pending && typeof pending.state === 'string' && typeof pending.verifier === 'string' ? pending : null;
    } catch {
      return null;
    }
  }
}

function userFromToken(accessToken: string): User | null {
  const claims = decodeClaims(accessToken);
  return claims ? userOf(claims) : null;
}
