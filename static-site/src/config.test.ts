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

  it('reads the administrators\' sign-in and API from "admin", checked as the top level is', () => {
    const config = parseSiteConfig(
      {
        authorize_url: '/oauth2/authorize',
        token_url: '/oauth2/token',
        client_id: 'serverless-shop-web',
        admin: {
          api_base_url: '/admin/',
          authorize_url: '/admin-oauth2/authorize',
          token_url: '/admin-oauth2/token',
          logout_url: '',
          revoke_url: '/admin-oauth2/revoke',
          client_id: 'serverless-shop-admin',
          scopes: ['openid', 'shop/orders'],
        },
      },
      page,
    );
    expect(config.apiBaseUrl).toBe('');
    expect(config.admin).toEqual({
      apiBaseUrl: 'http://localhost:8080/admin',
      authorizeUrl: 'http://localhost:8080/admin-oauth2/authorize',
      tokenUrl: 'http://localhost:8080/admin-oauth2/token',
      logoutUrl: '',
      revokeUrl: 'http://localhost:8080/admin-oauth2/revoke',
      clientId: 'serverless-shop-admin',
      scopes: ['openid', 'shop/orders'],
    });
  });

  it('offers no administrator sign-in without "admin"', () => {
    const base = { authorize_url: '/a', token_url: '/t', client_id: 'c' };
    expect(parseSiteConfig(base, page).admin).toBeUndefined();
    expect(parseSiteConfig({ ...base, admin: null }, page).admin).toBeUndefined();
  });

  it('says which key of "admin" is wrong, and wants its own API', () => {
    const admin = { api_base_url: '/admin', authorize_url: '/a', token_url: '/t', client_id: 'c' };
    const withAdmin = (changes: Record<string, unknown>) => ({
      authorize_url: '/a',
      token_url: '/t',
      client_id: 'c',
      admin: { ...admin, ...changes },
    });
    expect(() => parseSiteConfig({ ...withAdmin({}), admin: 'yes' }, page)).toThrow('"admin" must be an object');
    expect(() => parseSiteConfig(withAdmin({ client_id: '' }), page)).toThrow('"admin.client_id" must not be empty');
    expect(() => parseSiteConfig(withAdmin({ token_url: 3 }), page)).toThrow('"admin.token_url" must be a string');
    expect(() => parseSiteConfig(withAdmin({ authorize_url: 'http://[' }), page)).toThrow(
      '"admin.authorize_url" is not a URL',
    );
    expect(() => parseSiteConfig(withAdmin({ scopes: [1] }), page)).toThrow('"admin.scopes"');
    expect(() => parseSiteConfig(withAdmin({ api_base_url: '' }), page)).toThrow(
      '"admin.api_base_url" must not be empty',
    );
  });
});
