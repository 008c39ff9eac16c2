import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_STAFF } from '../../lib/auth/demo-staff-accounts';
import { SEED } from '../../sandbox/seed';
import { CARDS } from '../../sandbox/test-cards';
import { E2E_DATA_DIR } from './support/e2e-env';

/**
 * The staff back office against the production build and the sandbox: sign-in and roles, every
 * page, route handler and server action refusing a signed-out caller (called directly, not only
 * through the UI), each payment flow end to end, and no full card number anywhere.
 */

test.describe.configure({ mode: 'serial' });

const [MANAGER, FRONT_DESK] = DEMO_STAFF;
const FULL_PAN = '4111111111111111';
const alice = SEED.customers.alice;
const DATA_DIR = path.resolve(E2E_DATA_DIR);

const STAFF_PAGES = [
  '/staff',
  '/staff/customers',
  `/staff/customers/${alice.id}`,
  '/staff/payments',
  `/staff/payments/${alice.id}`,
  '/staff/links',
  '/staff/holds',
  '/staff/audit',
  '/staff/users',
  '/staff/settings',
  '/staff/settings/property',
];
const STAFF_APIS = [
  '/api/staff/payments',
  '/api/staff/payments?format=csv',
  `/api/staff/payments/${alice.id}`,
  '/api/staff/audit',
  '/api/staff/audit?format=csv',
  '/api/staff/customers?query=Smith',
  '/api/staff/reservations?query=SBX-1001',
  `/api/staff/customers/${alice.id}`,
  '/api/staff/dashboard',
  '/api/staff/links',
];

interface ActionRef {
  id: string;
  name: string;
  /** A page the action is bundled with, where Next.js accepts the POST. */
  path: string;
}

/** The back office's server action files: one per feature folder, and the new-card form's card check. */
const STAFF_ACTION_FILES = [
  'lib/payments/staff/actions.ts',
  'lib/payments/links/actions.ts',
  'lib/payments/back-office/actions.ts',
  'lib/payments/staff/stored-card-match-actions.ts',
  'lib/payments/email/staff-actions.ts',
  'lib/payments/property/actions.ts',
];

/** The staff server actions of this build, from Next.js' own manifest, so a new action is covered too. */
function staffActions(): ActionRef[] {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.env.NEXT_DIST_DIR || '.next', 'server/server-reference-manifest.json'),
      'utf8',
    ),
  ) as {
    node: Record<
      string,
      { filename: string; exportedName: string; workers: Record<string, unknown> }
    >;
  };
  return Object.entries(manifest.node)
    .filter(([, action]) => STAFF_ACTION_FILES.includes(action.filename))
    .map(([id, action]) => {
      const worker = Object.keys(action.workers)[0] ?? 'app/staff/(office)/page';
      const route = worker
        .replace(/^app/, '')
        .replace(/\/page$/, '')
        .replace(/\/\([^)]+\)/g, '')
        .replace(/\[[^\]]+\]/g, alice.id);
      return { id, name: action.exportedName, path: route || '/' };
    });
}

/** Calls a server action the way the browser does, without any page. */
async function callAction(
  request: APIRequestContext,
  action: ActionRef,
  input: unknown,
): Promise<string> {
  const response = await request.post(action.path, {
    headers: {
      'Next-Action': action.id,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  return response.text();
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in/);
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
  } catch {
    return [];
  }
}

test('the landing page shows the demo staff accounts in sandbox mode', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('demo-staff')).toContainText(MANAGER.email);
  await expect(page.getByTestId('demo-staff')).toContainText(FRONT_DESK.password);
});

test('signed out: every staff page redirects, every API and server action refuses', async ({
  page,
  request,
}) => {
  for (const pathname of STAFF_PAGES) {
    const response = await request.get(pathname, { maxRedirects: 0 });
    expect(response.status(), pathname).toBe(307);
    expect(response.headers().location, pathname).toContain('/staff/sign-in?callbackUrl=');
  }
  await page.goto('/staff/payments');
  await expect(page).toHaveURL(/\/staff\/sign-in\?callbackUrl=%2Fstaff%2Fpayments/);
  await expectAxeClean(page);

  for (const url of STAFF_APIS) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(401);
  }

  const actions = staffActions();
  expect(actions.map((a) => a.name).sort()).toEqual(
    [
      'cancelPaymentLinkAction',
      'chargeNewCardAction',
      'chargeStoredCardAction',
      'createPaymentLinkAction',
      'createStaffUserAction',
      'findStoredCardMatchAction',
      'recordExternalPaymentAction',
      'recordTerminalCardPaymentAction',
      'recheckCheckoutAction',
      'refundPaymentAction',
      'releaseAttemptAction',
      'removeLogoAction',
      'resendEmailAction',
      'sendLinkToGuestAction',
      'showPaymentLinkAction',
      'undoCancelPaymentLinkAction',
      'setIdealEnabledAction',
      'updatePropertyAction',
      'updateStaffUserAction',
    ].sort(),
  );
  for (const action of actions) {
    const body = await callAction(request, action, {
      customerId: alice.id,
      amount: '1',
      currency: 'GBP',
    });
    expect(body, action.name).toContain('"code":"unauthenticated"');
  }
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/staff/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(FRONT_DESK.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('The email or password is incorrect.');
});

test('front desk takes and records payments, but cannot refund or see the audit log', async ({
  page,
}) => {
  await signIn(page, FRONT_DESK);
  await expectAxeClean(page);

  // Find the customer in Mews.
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Reservation number, guest name or e-mail').fill('Smith');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('customer-results').getByRole('link', { name: 'Alice Smith' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alice Smith' })).toBeVisible();
  await expectAxeClean(page);

  // New card through Secure Fields, confirmed, charged.
  await page.getByRole('tab', { name: 'New card' }).click();
  await page
    .frameLocator('#staff-card-number iframe')
    .locator('input')
    .pressSequentially(CARDS.visaCharged, { delay: 5 });
  await page
    .frameLocator('#staff-card-cvv iframe')
    .locator('input')
    .pressSequentially('123', { delay: 5 });
  // An expiry no guest journey uses, so no stored card of Alice's matches this new one.
  await page.getByLabel('Expiry (MM/YY)').fill('07/31');
  await page.getByRole('tabpanel').getByLabel('Amount').fill('125.50');
  await page.getByRole('tabpanel').getByLabel('Currency').selectOption('GBP');
  await page.getByRole('button', { name: 'Review charge' }).click();
  await expect(page.getByTestId('confirm-step')).toContainText('125.50 GBP');
  await page.getByRole('button', { name: 'Confirm charge' }).click();
  await expect(page.getByTestId('payment-outcome')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 20_000,
  });

  // The card is now stored: charge it again from the stored-card tab.
  await page.reload();
  await page.getByRole('tab', { name: 'Charge stored card' }).click();
  await page.getByRole('tabpanel').getByLabel('Amount').fill('20');
  await page.getByRole('button', { name: 'Review charge' }).click();
  await page.getByRole('button', { name: 'Confirm charge' }).click();
  await expect(page.getByTestId('payment-outcome')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 20_000,
  });

  // External payment.
  await page.getByRole('tab', { name: 'External payment' }).click();
  await page.getByRole('tabpanel').getByLabel('Amount').fill('80');
  await page.getByLabel('Type', { exact: true }).selectOption('Cash');
  await page.getByLabel('External identifier').fill('TILL-2041');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm and record' }).click();
  await expect(page.getByTestId('payment-outcome')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 20_000,
  });

  // Terminal card payment: a full number is refused before anything is sent.
  await page.getByRole('tab', { name: 'Terminal card payment' }).click();
  await expect(page.getByTestId('terminal-deprecation')).toContainText('2028');
  await page.getByRole('tabpanel').getByLabel('Amount').fill('55.20');
  await page.getByLabel('Card number as on the receipt').fill(FULL_PAN);
  await page.getByLabel('Expiry (MM/YY or MM/YYYY)').fill('09/2029');
  await page.getByLabel('Cardholder name').fill('Alice Smith');
  await page.getByLabel('Receipt identifier').fill('RCPT-77');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(page.getByRole('tabpanel').getByRole('alert').first()).toContainText(
    /full card number/i,
  );
  await expect(page.getByTestId('confirm-step')).toHaveCount(0);
  await page.getByLabel('Card number as on the receipt').fill('411111******1111');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm and record' }).click();
  await expect(page.getByTestId('payment-outcome')).toHaveAttribute(
    'data-state',
    /succeeded|pending/,
    { timeout: 20_000 },
  );
  await expectAxeClean(page);

  // Payment link with its QR code, then canceled.
  await page.getByRole('tab', { name: 'Payment link' }).click();
  await page.getByRole('tabpanel').getByLabel('Amount').fill('99.90');
  await page.getByLabel('Description (shown to the guest)').fill('Deposit SBX-1001');
  await page.getByRole('button', { name: 'Create payment link' }).click();
  // SBX-1001 already has a deposit link (the sandbox's demo link): a second one needs a yes.
  const duplicate = page.getByTestId('duplicate-link-warning');
  await expect(duplicate).toContainText(/SBX-1001 already has (an open|a paid) deposit link/);
  await duplicate.getByLabel('Create anyway').check();
  await page.getByRole('button', { name: 'Create payment link' }).click();
  await expect(page.getByTestId('created-link-url')).toContainText('/pay/');
  await expect(page.getByTestId('link-qr').locator('svg')).toBeVisible();
  const linkRow = page.getByTestId('links-table').getByRole('row', { name: /Deposit SBX-1001/ });
  await expect(linkRow).toContainText('Open', { timeout: 20_000 });
  await linkRow.getByRole('button', { name: /Cancel/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel link' }).click();
  await expect(linkRow).toContainText('Canceled', { timeout: 20_000 });

  // Our payments list shows what front desk did.
  await page.getByRole('link', { name: 'Payments', exact: true }).click();
  const table = page.getByTestId('payments-table');
  await expect(table).toContainText('125.50 GBP');
  await expect(table).toContainText('80.00 GBP');
  await expect(table).toContainText('55.20 GBP');
  await expectAxeClean(page);

  // No refund form and no audit log for front desk, in the UI and by direct call.
  await table
    .getByRole('row', { name: /125\.50 GBP/ })
    .getByRole('link', { name: /Details/ })
    .click();
  await expect(page.getByTestId('mews-state')).toContainText('Paid');
  await expect(page.getByTestId('refund-managers-only')).toBeVisible();
  const attemptId = page.url().split('/').pop()!;
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/staff/audit');
  await expect(page.getByTestId('managers-only')).toBeVisible();
  expect((await page.request.get('/api/staff/audit')).status()).toBe(403);
  const refund = staffActions().find((a) => a.name === 'refundPaymentAction')!;
  const refused = await callAction(page.request, refund, {
    idempotencyKey: crypto.randomUUID(),
    attemptId,
    reason: 'Trying anyway',
  });
  expect(refused).toContain('"code":"forbidden"');
  await page.goto('/staff');
  await signOut(page);
  expect((await page.request.get('/api/staff/payments')).status()).toBe(401);
});

test('a manager refunds, and sees every action in the payments list and the audit log', async ({
  page,
}) => {
  await signIn(page, MANAGER);
  await page.getByRole('link', { name: 'Payments', exact: true }).click();
  await page
    .getByTestId('payments-table')
    .getByRole('row', { name: /125\.50 GBP/ })
    .getByRole('link', { name: /Details/ })
    .click();
  await page.getByLabel('Amount (GBP)').fill('25.50');
  await page.getByLabel('Reason').fill('Parking was included');
  await page.getByRole('button', { name: 'Review refund' }).click();
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  // Mews answers every refund Pending, and it can still fail at the card gateway.
  const outcome = page.getByTestId('payment-outcome');
  await expect(outcome).toHaveAttribute('data-state', 'pending', { timeout: 20_000 });
  await expect(outcome).toContainText('Refund pending at the card gateway; it can still fail.');
  await expectAxeClean(page);

  const csv = await (await page.request.get('/api/staff/payments?format=csv')).text();
  for (const method of ['card', 'stored_card', 'external', 'terminal_card', 'refund'])
    expect(csv).toContain(`,${method},`);

  await page.getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByTestId('audit-table');
  // In words, not codes (the codes stay in the CSV).
  for (const action of [
    'Signed in',
    'Card payment taken',
    'Stored card payment taken',
    'External payment taken',
    'Payment link created',
    'Payment link canceled',
    'Page refused (no permission)',
  ]) {
    await expect(audit, action).toContainText(action);
  }
  // Staff by name, not e-mail address.
  await expect(audit).toContainText(FRONT_DESK.name);
  await expectAxeClean(page);
  const auditCsv = await (await page.request.get('/api/staff/audit?format=csv')).text();
  expect(auditCsv).toContain('payment.refund.');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('today-totals')).toContainText('GBP');
  await expectAxeClean(page);
  await page.goto('/staff/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  await expectAxeClean(page);

  // The full card number typed into the terminal form is nowhere: exports, database files, logs.
  expect(csv).not.toContain(FULL_PAN);
  expect(auditCsv).not.toContain(FULL_PAN);
  const stored = filesUnder(path.join(DATA_DIR, 'pglite')).filter((file) =>
    readFileSync(file).includes(FULL_PAN),
  );
  expect(stored).toEqual([]);
  expect(readFileSync(path.join(DATA_DIR, 'app.log'), 'utf8')).not.toContain(FULL_PAN);
  await signOut(page);
});
