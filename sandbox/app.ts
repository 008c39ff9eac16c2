import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { registerCheckoutControlRoutes } from './checkout/control';
import { registerCheckoutRoutes } from './checkout/routes';
import { registerConnectorRoutes } from './connector/route';
import { registerControlRoutes } from './control';
import { registerIdealBankRoutes } from './ideal-bank';
import type { SandboxRuntime } from './runtime';
import { registerScaVerificationRoutes } from './sca-verification';
import { registerSecureFieldsRoutes } from './secure-fields/routes';

/**
 * The sandbox's HTTP surface: Connector API, Secure Fields, Mews Payments Checkout, iDEAL bank,
 * the SCA verification page and the control API.
 */
export function createSandboxApp(
  runtime: SandboxRuntime,
): Hono<{ Bindings: Partial<HttpBindings> }> {
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();
  registerConnectorRoutes(app, runtime);
  registerSecureFieldsRoutes(app as unknown as Hono, runtime);
  registerIdealBankRoutes(app as unknown as Hono, runtime);
  registerScaVerificationRoutes(app as unknown as Hono, runtime);
  registerCheckoutRoutes(app as unknown as Hono, runtime);
  registerControlRoutes(app as unknown as Hono, runtime);
  registerCheckoutControlRoutes(app as unknown as Hono, runtime);
  app.get('/', (c) =>
    c.text(
      [
        'Mews Checkout offline sandbox',
        '',
        'Connector API:  POST /api/connector/v1/{operation}',
        'Secure Fields:  GET  /secure-fields/secure-fields-2.0.0.js',
        'Checkout:       GET  /payments/checkout-embed.js (Mews Payments Checkout stand-in)',
        'Mail catcher:   GET  /_sandbox/mail (the inbox of everything the app e-mails)',
        'Control API:    /_sandbox/... (see sandbox/README.md)',
      ].join('\n'),
    ),
  );
  app.notFound((c) => c.json({ Message: 'Not found.', RequestId: null, Details: null }, 404));
  return app;
}
