import { describe, expect, it, vi } from 'vitest';

/**
 * Auth.js' own endpoints take a destination as well as the sign-in form (`/api/auth/callback/…?callbackUrl=`,
 * `/api/auth/signout`): its `redirect` callback must refuse the same off-site destinations as the form,
 * and still let sign-out and errors reach the sign-in page.
 */

vi.mock('next-auth', async () => (await import('../../support/auth-session')).nextAuthModule);

const { staffRedirectUrl } = await import('@/lib/auth/index');
const { authConfig } = await import('../../support/auth-session');

const APP_URL = 'https://pay.hotel.test';

describe('the Auth.js redirect callback', () => {
  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/staff/..//..//evil.example/phish',
    '/staff/%2e%2e/%2e%2e/evil.example',
    'https://pay.hotel.test.evil.example/staff',
    'https://pay.hotel.test@evil.example/staff',
    '/staff/sign-in?next=//evil.example',
    'javascript:alert(1)',
  ])('sends %s to the back office on the app origin', (url) => {
    expect(staffRedirectUrl(url, APP_URL)).toBe('https://pay.hotel.test/staff');
  });

  it.each([
    ['/staff/payments?state=failed', 'https://pay.hotel.test/staff/payments?state=failed'],
    ['https://pay.hotel.test/staff/audit', 'https://pay.hotel.test/staff/audit'],
    ['/staff/sign-in?signedOut=1', 'https://pay.hotel.test/staff/sign-in?signedOut=1'],
    [
      'https://pay.hotel.test/staff/sign-in?error=CredentialsSignin',
      'https://pay.hotel.test/staff/sign-in?error=CredentialsSignin',
    ],
  ])('keeps %s', (url, expected) => {
    expect(staffRedirectUrl(url, APP_URL)).toBe(expected);
  });

  it('is the callback Auth.js is configured with', async () => {
    const redirect = authConfig().callbacks?.redirect;
    expect(redirect).toBeDefined();
    const result = await redirect!({
      url: 'https://evil.example/',
      baseUrl: 'https://evil.example',
    });
    expect(new URL(result).host).not.toBe('evil.example');
    expect(new URL(result).pathname).toBe('/staff');
  });
});
