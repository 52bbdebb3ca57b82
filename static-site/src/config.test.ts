import { describe, expect, it } from 'vitest';
import { ConfigError, parseSiteConfig } from './config';

const page = 'http://localhost:8080/';

describe('config.json', () => {
  it("reads the local cloud's configuration: same-origin API, relative issuer paths", () => {
    expect(
      parseSiteConfig(
        {
          api_base_url: '',
          authorize_url: '/oauth2/authorize',
          token_url: '/oauth2/token',
          logout_url: '',
          client_id: 'serverless-shop-web',
          scopes: ['openid', 'shop/orders'],
        },
        page,
      ),
    ).toEqual({
      apiBaseUrl: '',
      authorizeUrl: 'http://localhost:8080/oauth2/authorize',
      tokenUrl: 'http://localhost:8080/oauth2/token',
      logoutUrl: '',
      revokeUrl: '',
      clientId: 'serverless-shop-web',
      scopes: ['openid', 'shop/orders'],
      currency: 'USD',
    });
  });

  it("reads an AWS deployment's: Cognito's hosted UI, another API origin, a logout URL", () => {
    const config = parseSiteConfig(
      {
        api_base_url: 'https://api.shop.example.com/',
        authorize_url: 'https://auth.shop.example.com/oauth2/authorize',
        token_url: 'https://auth.shop.example.com/oauth2/token',
        logout_url: 'https://auth.shop.example.com/logout',
        revoke_url: 'https://auth.shop.example.com/oauth2/revoke',
        client_id: '4abc',
        scopes: 'openid email',
        currency: 'eur',
      },
      'https://shop.example.com/',
    );
    expect(config).toMatchObject({
      apiBaseUrl: 'https://api.shop.example.com',
      logoutUrl: 'https://auth.shop.example.com/logout',
      revokeUrl: 'https://auth.shop.example.com/oauth2/revoke',
      scopes: ['openid', 'email'],
      currency: 'EUR',
    });
  });

  it('asks for the scope every protected operation needs when config.json names none', () => {
    const config = parseSiteConfig({ authorize_url: '/a', token_url: '/t', client_id: 'c' }, page);
    expect(config.scopes).toEqual(['openid', 'shop/orders']);
  });

  it('says which key is wrong', () => {
    const base = { authorize_url: '/a', token_url: '/t', client_id: 'c' };
    expect(() => parseSiteConfig([], page)).toThrow(ConfigError);
    expect(() => parseSiteConfig({ ...base, client_id: '' }, page)).toThrow('"client_id" must not be empty');
    expect(() => parseSiteConfig({ ...base, token_url: 3 }, page)).toThrow('"token_url" must be a string');
    expect(() => parseSiteConfig({ ...base, authorize_url: 'http://[' }, page)).toThrow('"authorize_url" is not a URL');
    expect(() => parseSiteConfig({ ...base, currency: 'dollars' }, page)).toThrow('"currency"');
    expect(() => parseSiteConfig({ ...base, scopes: [1] }, page)).toThrow('"scopes"');
  });
});
