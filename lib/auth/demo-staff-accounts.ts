/**
 * Demo staff for the offline sandbox only, so anyone trying the app can sign in at once. Their
 * credentials are public (shown on the landing page in sandbox mode), so they are never created
 * against a real Mews platform, and the accounts seeded earlier are disabled and refused there
 * (lib/auth/demo-staff.ts).
 */
export const DEMO_STAFF = [
  {
    email: 'manager@demo.mews-checkout.test',
    password: 'sandbox-manager-pass',
    name: 'Demo Manager',
    role: 'manager',
  },
  {
    email: 'frontdesk@demo.mews-checkout.test',
    password: 'sandbox-frontdesk-pass',
    name: 'Demo Front Desk',
    role: 'frontdesk',
  },
] as const;
