// Who is signed in, read from the access token's claims. The site does not verify the token's
// signature - it is a public client and the token is only ever checked by the API (API Gateway's
// JWT authorizer and the services) - it only reads who the user is to decide what to show.
import type { Realm } from '../config';

export interface User {
  /** The customer id: the token's sub. */
  id: string;
  /** What to call the user: Cognito's username claim, else the sub (the local issuer's user name). */
  name: string;
  /** Whose sign-in the session is: a shopper's or an administrator's. */
  realm: Realm;
  /** An administrator's session with the admin group; the group in a shopper's token means nothing. */
  isAdmin: boolean;
}

export const ADMIN_GROUP = 'admin';

export function decodeClaims(jwt: string): Record<string, unknown> | null {
  const payload = jwt.split('.')[1];
  if (!payload) {
    return null;
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** cognito:groups is a list in the token; API Gateway hands it on as a string like "[admin]". */
export function groupsOf(claims: Record<string, unknown>): string[] {
  const groups = claims['cognito:groups'];
  if (Array.isArray(groups)) {
    return groups.filter((g): g is string => typeof g === 'string');
  }
  if (typeof groups === 'string') {
    return groups
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter((g) => g !== '');
  }
  return [];
}

/** The user of a token from the given realm's issuer. */
export function userOf(claims: Record<string, unknown>, realm: Realm): User | null {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') {
    return null;
  }
  const username = claims.username ?? claims['cognito:username'];
  return {
    id: sub,
    name: typeof username === 'string' && username !== '' ? username : sub,
    realm,
    // As the services decide: only the administrators' issuer makes administrators (shoppers sign
    // themselves up; the administrators' pool has no self sign-up and requires MFA).
    isAdmin: realm === 'admin' && groupsOf(claims).includes(ADMIN_GROUP),
  };
}

/** The token's exp in milliseconds, or undefined. */
export function expiryOf(claims: Record<string, unknown>): number | undefined {
  return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
}
