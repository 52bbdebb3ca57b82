import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../config';
import { memoryStorage } from '../testing/memoryStorage';
import { groupsOf } from './claims';
import { pkceChallenge } from './pkce';
import type { Realm } from '../config';
import { PENDING_SIGN_IN_KEY, Session, TOKENS_KEY } from './session';

const config: SiteConfig = {
  apiBaseUrl: '',
  authorizeUrl: 'http://localhost:8080/oauth2/authorize',
  tokenUrl: 'http://localhost:8080/oauth2/token',
  logoutUrl: '',
  revokeUrl: 'http://localhost:8080/oauth2/revoke',
  clientId: 'serverless-shop-web',
  scopes: ['openid'],
  currency: 'USD',
  admin: {
    apiBaseUrl: 'http://localhost:8080/admin',
    authorizeUrl: 'http://localhost:8080/admin-oauth2/authorize',
    tokenUrl: 'http://localhost:8080/admin-oauth2/token',
    logoutUrl: 'https://admin-auth.example.com/logout',
    revokeUrl: 'http://localhost:8080/admin-oauth2/revoke',
    clientId: 'serverless-shop-admin',
    scopes: ['openid', 'shop/orders'],
  },
};
const NOW = 1_800_000_000_000;

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

const aliceToken = jwt({ sub: 'alice', exp: NOW / 1000 + 3600, token_use: 'access', client_id: 'serverless-shop-web' });
const rootToken = jwt({
  sub: 'root',
  username: 'Root',
  exp: NOW / 1000 + 3600,
  client_id: 'serverless-shop-admin',
  'cognito:groups': ['admin'],
});

interface Options {
  storage?: Storage;
  logoutUrl?: string;
  config?: SiteConfig;
  realm?: Realm;
}

/** A session with a token endpoint that answers with the given bodies in turn, and what it was sent. */
function session(answers: Array<Record<string, unknown>>, options: Options = {}) {
  const storage = options.storage ?? memoryStorage();
  const sent: URLSearchParams[] = [];
  const sentTo: string[] = [];
  const visited: string[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push(init.body as URLSearchParams);
    sentTo.push(url);
    const body = answers.shift() ?? {};
    return new Response(JSON.stringify(body), { status: 'error' in body ? 400 : 200 });
  }) as unknown as typeof globalThis.fetch;
  const s = new Session(
    { ...(options.config ?? config), logoutUrl: options.logoutUrl ?? '' },
    { storage, fetch, navigate: (url) => visited.push(url), now: () => NOW },
  );
  return { session: s, storage, sent, sentTo, visited };
}

/** Signs in (as a shopper unless options.realm says otherwise) with the first answer. */
async function signedIn(answers: Array<Record<string, unknown>>, options: Options = {}) {
  const context = session(answers, options);
  await context.session.signIn(options.realm ?? 'shopper', '#/checkout', 'http://localhost:8080/');
  const state = new URL(context.visited.at(-1) ?? '').searchParams.get('state');
  const result = await context.session.completeSignIn(new URL(`http://localhost:8080/?code=the-code&state=${state}`));
  return { ...context, result };
}

describe('signing in with authorization code and PKCE', () => {
  it('sends the browser to the authorize endpoint with a S256 challenge of a verifier it keeps', async () => {
    const { session: s, visited, storage } = session([]);
    await s.signIn('shopper', '#/checkout', 'http://localhost:8080/');

    const url = new URL(visited[0]);
    expect(url.origin + url.pathname).toBe('http://localhost:8080/oauth2/authorize');
    const pending = JSON.parse(storage.getItem(PENDING_SIGN_IN_KEY) ?? '{}');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'serverless-shop-web',
      redirect_uri: 'http://localhost:8080/',
      scope: 'openid',
      state: pending.state,
      code_challenge: await pkceChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('exchanges the code with the verifier and knows the user', async () => {
    const { session: s, sent, result, storage } = await signedIn([{ access_token: aliceToken, expires_in: 3600 }]);

    expect(result).toEqual({ kind: 'signed-in', returnTo: '#/checkout' });
    expect(Object.fromEntries(sent[0])).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'http://localhost:8080/',
      client_id: 'serverless-shop-web',
    });
    expect(sent[0].get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.user.get()).toEqual({ id: 'alice', name: 'alice', realm: 'shopper', isAdmin: false });
    expect(s.realm).toBe('shopper');
    expect(await s.accessToken()).toBe(aliceToken);
    expect(storage.getItem(PENDING_SIGN_IN_KEY)).toBeNull();
  });

  it('keeps the user signed in across a reload of the tab', async () => {
    const { storage } = await signedIn([{ access_token: aliceToken }]);
    const reloaded = session([], { storage }).session;
    expect(reloaded.user.get()?.id).toBe('alice');
  });

  it('refuses an answer whose state it did not send, without asking for tokens', async () => {
    const { session: s, sent } = session([]);
    await s.signIn('shopper', '#/', 'http://localhost:8080/');
    const result = await s.completeSignIn(new URL('http://localhost:8080/?code=stolen&state=forged'));
    expect(result.kind).toBe('failed');
    expect(sent).toEqual([]);
    expect(s.user.get()).toBeNull();
  });

  it("reports the issuer's refusal of the sign-in this tab started", async () => {
    const { session: s, visited } = session([]);
    await s.signIn('shopper', '#/', 'http://localhost:8080/');
    const state = new URL(visited[0]).searchParams.get('state');
    const result = await s.completeSignIn(
      new URL(`http://localhost:8080/?error=access_denied&error_description=Nope&state=${state}`),
    );
    expect(result).toEqual({ kind: 'failed', message: 'Nope', returnTo: '#/' });
  });

  it('shows no text from the address when no sign-in was started here, or not this one', async () => {
    const crafted = 'http://localhost:8080/?error=access_denied&error_description=Call+0800+to+unlock+your+account';
    const notStarted = await session([]).session.completeSignIn(new URL(crafted));
    expect(notStarted.kind).toBe('failed');
    expect(JSON.stringify(notStarted)).not.toContain('0800');

    const { session: s } = session([]);
    await s.signIn('shopper', '#/', 'http://localhost:8080/');
    const otherState = await s.completeSignIn(new URL(`${crafted}&state=forged`));
    expect(JSON.stringify(otherState)).not.toContain('0800');
  });

  it('ignores a page that is not a sign-in answer', async () => {
    expect(await session([]).session.completeSignIn(new URL('http://localhost:8080/#/cart'))).toEqual({ kind: 'none' });
  });

  it("ignores the admin group in a shopper's token: the shoppers' issuer makes no administrators", async () => {
    const claimingAdmin = jwt({ sub: 'mallory', exp: NOW / 1000 + 3600, 'cognito:groups': ['admin'] });
    const { session: s } = await signedIn([{ access_token: claimingAdmin }]);
    expect(s.user.get()).toEqual({ id: 'mallory', name: 'mallory', realm: 'shopper', isAdmin: false });
  });
});

describe("an administrator's session", () => {
  it("signs in at the administrators' issuer with their client, and remembers which sign-in it started", async () => {
    const { session: s, visited, storage } = session([]);
    await s.signIn('admin', '#/admin/products', 'http://localhost:8080/');

    const url = new URL(visited[0]);
    expect(url.origin + url.pathname).toBe('http://localhost:8080/admin-oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('serverless-shop-admin');
    expect(url.searchParams.get('scope')).toBe('openid shop/orders');
    expect(JSON.parse(storage.getItem(PENDING_SIGN_IN_KEY) ?? '{}').realm).toBe('admin');
  });

  it("exchanges the code at the administrators' token endpoint; an administrator is one by the admin group", async () => {
    const { session: s, sent, sentTo, result } = await signedIn([{ access_token: rootToken }], { realm: 'admin' });

    expect(result).toEqual({ kind: 'signed-in', returnTo: '#/checkout' });
    expect(sentTo[0]).toBe('http://localhost:8080/admin-oauth2/token');
    expect(sent[0].get('client_id')).toBe('serverless-shop-admin');
    expect(s.user.get()).toEqual({ id: 'root', name: 'Root', realm: 'admin', isAdmin: true });
    expect(s.realm).toBe('admin');
  });

  it('is no administrator without the admin group, in the list or as API Gateway passes it on', async () => {
    const noGroup = jwt({ sub: 'root', exp: NOW / 1000 + 3600 });
    const { session: s } = await signedIn([{ access_token: noGroup }], { realm: 'admin' });
    expect(s.user.get()).toMatchObject({ realm: 'admin', isAdmin: false });
    expect(groupsOf({ 'cognito:groups': '[admin, staff]' })).toEqual(['admin', 'staff']);
  });

  it('stays one across a reload of the tab', async () => {
    const { storage } = await signedIn([{ access_token: rootToken }], { realm: 'admin' });
    expect(session([], { storage }).session.user.get()).toMatchObject({ realm: 'admin', isAdmin: true });
  });

  it("refreshes, revokes and signs out at the administrators' issuer", async () => {
    const expiring = jwt({ sub: 'root', exp: NOW / 1000 + 10, 'cognito:groups': ['admin'] });
    const {
      session: s,
      sent,
      sentTo,
      visited,
    } = await signedIn([{ access_token: expiring, refresh_token: 'r1' }, { access_token: rootToken }], {
      realm: 'admin',
    });
    expect(await s.accessToken()).toBe(rootToken);
    expect(sentTo[1]).toBe('http://localhost:8080/admin-oauth2/token');
    expect(Object.fromEntries(sent[1])).toEqual({
      grant_type: 'refresh_token',
      client_id: 'serverless-shop-admin',
      refresh_token: 'r1',
    });

    await s.signOut('http://localhost:8080/');
    expect(sentTo[2]).toBe('http://localhost:8080/admin-oauth2/revoke');
    expect(Object.fromEntries(sent[2])).toEqual({ token: 'r1', client_id: 'serverless-shop-admin' });
    expect(visited.at(-1)).toBe(
      'https://admin-auth.example.com/logout?client_id=serverless-shop-admin&logout_uri=http%3A%2F%2Flocalhost%3A8080%2F',
    );
    expect(s.user.get()).toBeNull();
    expect(s.realm).toBeUndefined();
  });

  it("replaces a shopper's session, whose refresh token is revoked: one session at a time", async () => {
    const storage = memoryStorage();
    await signedIn([{ access_token: aliceToken, refresh_token: 'shopper-r' }], { storage });
    const { session: s, sent, sentTo } = await signedIn([{ access_token: rootToken }], { storage, realm: 'admin' });

    expect(s.user.get()).toMatchObject({ id: 'root', isAdmin: true });
    expect(sentTo[1]).toBe('http://localhost:8080/oauth2/revoke');
    expect(Object.fromEntries(sent[1])).toEqual({ token: 'shopper-r', client_id: 'serverless-shop-web' });
  });

  it('is not offered, nor kept, where config.json has no "admin"', async () => {
    const { storage } = await signedIn([{ access_token: rootToken }], { realm: 'admin' });
    const withoutAdmin = { ...config, admin: undefined };
    const { session: s } = session([], { storage, config: withoutAdmin });
    expect(s.user.get()).toBeNull();
    expect(storage.getItem(TOKENS_KEY)).toBeNull();
    await expect(s.signIn('admin', '#/', 'http://localhost:8080/')).rejects.toThrow('no sign-in for the admin realm');
  });
});

describe('tokens that expire', () => {
  const expiring = jwt({ sub: 'alice', exp: NOW / 1000 + 10 });

  it('are refreshed with the refresh token shortly before they expire', async () => {
    const fresh = jwt({ sub: 'alice', exp: NOW / 1000 + 3600, v: 2 });
    const { session: s, sent } = await signedIn([
      { access_token: expiring, refresh_token: 'r1' },
      { access_token: fresh },
    ]);
    const [a, b] = await Promise.all([s.accessToken(), s.accessToken()]);
    expect(a).toBe(fresh);
    expect(b).toBe(fresh);
    expect(sent).toHaveLength(2); // one refresh for both
    expect(Object.fromEntries(sent[1])).toEqual({
      grant_type: 'refresh_token',
      client_id: 'serverless-shop-web',
      refresh_token: 'r1',
    });
  });

  it('sign the user out when there is no refresh token, or it is refused', async () => {
    const { session: s } = await signedIn([{ access_token: expiring }]);
    expect(await s.accessToken()).toBeUndefined();
    expect(s.user.get()).toBeNull();

    const refused = await signedIn([{ access_token: expiring, refresh_token: 'r1' }, { error: 'invalid_grant' }]);
    expect(await refused.session.accessToken()).toBeUndefined();
    expect(refused.storage.getItem(TOKENS_KEY)).toBeNull();
  });
});

describe('signing out', () => {
  it('forgets the tokens, and with a logout URL ends the issuer session the way Cognito wants', async () => {
    const { session: s, visited } = await signedIn([{ access_token: aliceToken }], {
      logoutUrl: 'https://auth.example.com/logout',
    });
    await s.signOut('http://localhost:8080/');
    expect(s.user.get()).toBeNull();
    expect(visited[1]).toBe(
      'https://auth.example.com/logout?client_id=serverless-shop-web&logout_uri=http%3A%2F%2Flocalhost%3A8080%2F',
    );
  });

  it('revokes the refresh token at the issuer before it leaves, so a copy of it is worth nothing', async () => {
    const { session: s, sent, sentTo, storage } = await signedIn([{ access_token: aliceToken, refresh_token: 'r1' }]);
    await s.signOut('http://localhost:8080/');
    expect(sentTo[1]).toBe('http://localhost:8080/oauth2/revoke');
    expect(Object.fromEntries(sent[1])).toEqual({ token: 'r1', client_id: 'serverless-shop-web' });
    expect(storage.getItem(TOKENS_KEY)).toBeNull();
  });

  it('signs out even when the issuer cannot be reached to revoke', async () => {
    const storage = memoryStorage();
    const first = await signedIn([{ access_token: aliceToken, refresh_token: 'r1' }], { storage });
    const unreachable = new Session(config, {
      storage,
      fetch: (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch,
      navigate: () => undefined,
      now: () => NOW,
    });
    expect(first.session.user.get()?.id).toBe('alice');
    await unreachable.signOut('http://localhost:8080/');
    expect(unreachable.user.get()).toBeNull();
    expect(storage.getItem(TOKENS_KEY)).toBeNull();
  });
});
