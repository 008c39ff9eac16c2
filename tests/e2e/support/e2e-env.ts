/**
 * Shared by playwright.config.ts and the specs: ports of the app and sandbox under test, and the
 * API key the app registers at start (BOOTSTRAP_API_KEY) so specs create links via the public API.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const E2E_APP_URL = `http://localhost:${E2E_APP_PORT}`;
export const E2E_SANDBOX_URL = `http://localhost:${E2E_SANDBOX_PORT}`;
/**
 * The e2e sandbox's mail catcher: its own SMTP port, not `npm start`'s 4025, so a developer's
 * running app neither receives the journeys' mail nor blocks the port. Both apps under test send
 * here (SMTP_URL); journeys read the mail with tests/support/sandbox-mail.ts at E2E_SANDBOX_URL.
 */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 4125);
export const E2E_SMTP_URL = `smtp://localhost:${E2E_SMTP_PORT}`;
export const E2E_MAIL_INBOX_URL = `${E2E_SANDBOX_URL}/_sandbox/mail`;
export const E2E_API_KEY =
  process.env.E2E_API_KEY ?? 'mck_e2e0000000000000000000000000000000000000000';
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? '.data/e2e';
export const E2E_LOG_FILE = `${E2E_DATA_DIR}/app.log`;

/**
 * A second app on the same production build and the same sandbox, on the Dutch hotel's token:
 * iDEAL is in that hotel's Mews subscription, not London's (London refuses it with 403). Its own
 * port and data folder; started by tests/e2e/support/start-ideal-app.ts once the first app is up.
 */
export const E2E_IDEAL_APP_PORT = Number(process.env.E2E_IDEAL_APP_PORT ?? 3101);
export const E2E_IDEAL_APP_URL = `http://localhost:${E2E_IDEAL_APP_PORT}`;
export const E2E_IDEAL_DATA_DIR = process.env.E2E_IDEAL_DATA_DIR ?? '.data/e2e-ideal';
export const E2E_IDEAL_LOG_FILE = `${E2E_IDEAL_DATA_DIR}/app.log`;

/**
 * A third app on the same build and sandbox, with the Mews Payments Checkout route
 * (GUEST_PAYMENT_ROUTES=mews-checkout,secure-fields, GUEST_HOLDS=on) on the Dutch hotel, which is on
 * Mews Payments and has cards, wallets and iDEAL in the checkout. Started like the iDEAL app.
 */
export const E2E_CHECKOUT_APP_PORT = Number(process.env.E2E_CHECKOUT_APP_PORT ?? 3102);
export const E2E_CHECKOUT_APP_URL = `http://localhost:${E2E_CHECKOUT_APP_PORT}`;
export const E2E_CHECKOUT_DATA_DIR = process.env.E2E_CHECKOUT_DATA_DIR ?? '.data/e2e-checkout';
export const E2E_CHECKOUT_LOG_FILE = `${E2E_CHECKOUT_DATA_DIR}/app.log`;
