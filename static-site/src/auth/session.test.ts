import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../config';
import { memoryStorage } from '../testing/memoryStorage';
import { groupsOf } from './claims';
import { pkceChallenge } from './pkce';
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
};
const NOW = 1_800_000_000_000;

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

const aliceToken = jwt({ sub: 'alice', exp: NOW / 1000 + 3600, token_use: 'access', client_id: 'serverless-shop-web' });

/** A session with a token endpoint that answers with the given bodies in turn, and what it was sent. */
function session(answers: Array<Record<string, unknown>>, options: { storage?: Storage; logoutUrl?: string } = {}) {
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
    { ...config, logoutUrl: options.logoutUrl ?? '' },
    { storage, fetch, navigate: (url) => visited.push(url), now: () => NOW },
  );
  return { session: s, storage, sent, sentTo, visited };
}

async function signedIn(answers: Array<Record<string, unknown>>, options = {}) {
  const context = session(answers, options);
  await context.session.signIn('#/checkout', 'http://localhost:8080/');
  const state = new URL(context.visited[0]).searchParams.get('state');
  const result = await context.session.completeSignIn(new URL(`http://localhost:8080/?code=the-code&state=${state}`));
  return { ...context, result };
}

describe('signing in with authorization code and PKCE', () => {
  it('sends the browser to the authorize endpoint with a S256 challenge of a verifier it keeps', async () => {
    const { session: s, visited, storage } = session([]);
    await s.signIn('#/checkout', 'http://localhost:8080/');

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
    expect(s.user.get()).toEqual({ id: 'alice', name: 'alice', isAdmin: false });
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
    await s.signIn('#/', 'http://localhost:8080/');
    const result = await s.completeSignIn(new URL('http://localhost:8080/?code=stolen&state=forged'));
    expect(result.kind).toBe('failed');
    expect(sent).toEqual([]);
    expect(s.user.get()).toBeNull();
  });

  it("reports the issuer's refusal of the sign-in this tab started", async () => {
    const { session: s, visited } = session([]);
    await s.signIn('#/', 'http://localhost:8080/');
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
    await s.signIn('#/', 'http://localhost:8080/');
    const otherState = await s.completeSignIn(new URL(`${crafted}&state=forged`));
    expect(JSON.stringify(otherState)).not.toContain('0800');
  });

  it('ignores a page that is not a sign-in answer', async () => {
    expect(await session([]).session.completeSignIn(new URL('http://localhost:8080/#/cart'))).toEqual({ kind: 'none' });
  });

  it('knows an administrator by the admin group, as a list or as API Gateway passes it on', async () => {
    const admin = jwt({ sub: 'root', exp: NOW / 1000 + 3600, 'cognito:groups': ['admin'], username: 'Root' });
    const { session: s } = await signedIn([{ access_token: admin }]);
    expect(s.user.get()).toEqual({ id: 'root', name: 'Root', isAdmin: true });
    expect(groupsOf({ 'cognito:groups': '[admin, staff]' })).toEqual(['admin', 'staff']);
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
