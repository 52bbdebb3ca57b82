// Proof Key for Code Exchange (RFC 7636, S256): the site is a public client with no secret, so the
// authorization code is bound to a verifier only this tab knows.

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => {
    binary += String.fromCharCode(b);
  });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random URL-safe string: 32 bytes make the 43 characters RFC 7636 asks of a verifier. */
export function randomUrlSafe(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
