import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { completeRequest, hostedPageUrl } from '../connector/payment-requests';
import { createPayment } from '../connector/payments';
import { placeHold } from '../connector/preauthorizations';
import type { SandboxRuntime } from '../runtime';
import { enterpriseById } from '../seed';
import { DEFAULT_CHECKOUT_SETTINGS, type CheckoutSettings, type PaymentState } from '../state';
import {
  finishCardPayment,
  findRequest,
  idealPayment,
  internalContext,
  storeCard,
  walletPayment,
} from './service';

/**
 * Control API of the Mews Payments Checkout stand-in: its switches, what Mews would have e-mailed
 * and tasked, fixtures standing for a guest paying without a browser, and staff actions on holds
 * (Mews Operations).
 */
export function registerCheckoutControlRoutes(app: Hono, runtime: SandboxRuntime): void {
  const json = async (c: {
    req: { json: () => Promise<unknown> };
  }): Promise<Record<string, unknown>> => {
    try {
      const body = await c.req.json();
      return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const settings = () => runtime.store.state.checkoutSettings;

  app.get('/_sandbox/checkout/settings', (c) => c.json({ settings: settings() }));
  app.post('/_sandbox/checkout/settings', async (c) => {
    const body = await json(c);
    const next: CheckoutSettings = { ...settings() };
    if (body.preauthorizationCheckout !== undefined) {
      if (!['silent', 'error', 'completes'].includes(String(body.preauthorizationCheckout)))
        return c.json(
          { error: 'preauthorizationCheckout must be silent, error or completes' },
          400,
        );
      next.preauthorizationCheckout =
        body.preauthorizationCheckout as CheckoutSettings['preauthorizationCheckout'];
    }
    for (const key of ['walletCard', 'threeDsByDefault'] as const) {
      if (body[key] === undefined) continue;
      if (typeof body[key] !== 'boolean') return c.json({ error: `${key} must be a boolean` }, 400);
      next[key] = body[key];
    }
    for (const key of ['challengeTimeoutSeconds', 'holdLifetimeDays'] as const) {
      if (body[key] === undefined) continue;
      const value = body[key];
      if (typeof value !== 'number' || !(value > 0))
        return c.json({ error: `${key} must be a positive number` }, 400);
      next[key] = value;
    }
    if (body.applePayDomains !== undefined) {
      if (
        !Array.isArray(body.applePayDomains) ||
        !body.applePayDomains.every((d) => typeof d === 'string')
      )
        return c.json({ error: 'applePayDomains must be an array of host names' }, 400);
      next.applePayDomains = body.applePayDomains as string[];
    }
    runtime.store.state.checkoutSettings = next;
    runtime.store.save();
    return c.json({ settings: next });
  });
  app.delete('/_sandbox/checkout/settings', (c) => {
    runtime.store.state.checkoutSettings = {
      ...DEFAULT_CHECKOUT_SETTINGS,
      applePayDomains: [...DEFAULT_CHECKOUT_SETTINGS.applePayDomains],
    };
    runtime.store.save();
    return c.json({ settings: settings() });
  });

  app.get('/_sandbox/payment-requests', (c) => {
    runtime.tick();
    const origin = new URL(c.req.url).origin;
    return c.json({
      paymentRequests: runtime.store.state.paymentRequests.map((r) => ({
        ...r.request,
        sentEmail: r.sentEmail,
        hostedPageUrl: hostedPageUrl(origin, r.request.Id),
      })),
    });
  });
  app.get('/_sandbox/payment-requests/emails', (c) =>
    c.json({ emails: runtime.store.state.requestEmails }),
  );
  app.get('/_sandbox/tasks', (c) => {
    runtime.tick();
    return c.json({ tasks: runtime.store.state.tasks });
  });

  // A guest paying in the checkout, without a browser.
  app.post('/_sandbox/payment-requests/:id/payments', async (c) => {
    runtime.tick();
    const body = await json(c);
    const record = findRequest(runtime, c.req.param('id'));
    if (!record) return c.json({ error: 'No payment request with this id' }, 404);
    if (record.request.State !== 'Pending')
      return c.json({ error: `The payment request is ${record.request.State}` }, 409);
    const state = String(body.state ?? 'Charged');
    if (!['Charged', 'Failed', 'Pending'].includes(state))
      return c.json({ error: 'state must be Charged, Failed or Pending' }, 400);
    const method = String(body.method ?? 'PaymentCard');
    const origin = new URL(c.req.url).origin;
    let paymentId: string;
    let paymentMethodId: string | null = null;
    if (method === 'PaymentCard') {
      if (state === 'Pending')
        return c.json({ error: 'A card payment through the checkout is never Pending' }, 400);
      const result = finishCardPayment(
        runtime,
        origin,
        record,
        { pan: '4242424242424242', brand: 'VIS', expiration: '2030-12' },
        state === 'Charged' ? 'charged' : 'declined',
      );
      if (result.status === 'charged') {
        paymentId = result.paymentId;
        paymentMethodId = result.paymentMethodId;
      } else if (result.status === 'failed' && result.paymentId) {
        paymentId = result.paymentId;
      } else return c.json({ error: 'The payment could not be recorded' }, 500);
    } else if (method === 'GooglePay' || method === 'ApplePay') {
      if (state === 'Pending')
        return c.json({ error: 'A wallet payment through the checkout is never Pending' }, 400);
      const result = walletPayment(runtime, origin, record, method, state as PaymentState);
      if (result.status === 'charged') {
        paymentId = result.paymentId;
        paymentMethodId = result.paymentMethodId;
      } else if (result.status === 'failed' && result.paymentId) paymentId = result.paymentId;
      else return c.json({ error: 'The payment could not be recorded' }, 500);
    } else if (method === 'Ideal') {
      const enterprise = enterpriseById(record.request.EnterpriseId);
      if (!enterprise?.alternativeMethods.includes('Ideal'))
        return c.json({ error: 'iDEAL is not enabled for this enterprise' }, 400);
      const payment = idealPayment(
        runtime,
        origin,
        record,
        String(body.returnUrl ?? `${origin}/_sandbox/health`),
        state as PaymentState,
      );
      paymentId = payment.payment.Id;
    } else {
      return c.json({ error: 'method must be PaymentCard, GooglePay, ApplePay or Ideal' }, 400);
    }
    runtime.tick();
    return c.json({ paymentId, paymentMethodId, paymentRequestState: record.request.State });
  });

  // The guest paid a Preauthorization request on Mews' hosted page: the hold is placed.
  app.post('/_sandbox/payment-requests/:id/hold', (c) => {
    runtime.tick();
    const record = findRequest(runtime, c.req.param('id'));
    if (!record) return c.json({ error: 'No payment request with this id' }, 404);
    if (record.request.Type !== 'Preauthorization')
      return c.json({ error: 'Only a Preauthorization request places a hold' }, 409);
    if (record.request.State !== 'Pending')
      return c.json({ error: `The payment request is ${record.request.State}` }, 409);
    const card = storeCard(runtime, record, {
      pan: '4242424242424242',
      brand: 'VIS',
      expiration: '2030-12',
    });
    const hold = placeHold(runtime.store, record, card.card.Id);
    completeRequest(runtime.store, record);
    return c.json({
      preauthorizationId: hold.preauthorization.Id,
      creditCardId: card.card.Id,
      preauthorization: hold.preauthorization,
    });
  });

  app.get('/_sandbox/preauthorizations', (c) => {
    runtime.tick();
    return c.json({
      preauthorizations: runtime.store.state.preauthorizations.map((r) => ({
        ...r.preauthorization,
        enterpriseId: r.enterpriseId,
        paymentRequestId: r.paymentRequestId,
        createdUtc: r.createdUtc,
        updatedUtc: r.updatedUtc,
        expiresUtc: new Date(r.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      })),
    });
  });
  // Staff in Mews Operations charge or cancel a hold (there is no Connector API operation).
  app.post('/_sandbox/preauthorizations/:id', async (c) => {
    runtime.tick();
    const action = String((await json(c)).action ?? '');
    if (action !== 'charge' && action !== 'cancel')
      return c.json({ error: 'action must be charge or cancel' }, 400);
    const record = runtime.store.state.preauthorizations.find(
      (r) => r.preauthorization.Id === c.req.param('id'),
    );
    if (!record) return c.json({ error: 'No preauthorization with this id' }, 404);
    const hold = record.preauthorization;
    if (hold.State !== 'Chargeable')
      return c.json({ error: `The preauthorization is ${hold.State}` }, 409);
    let paymentId: string | null = null;
    if (action === 'charge') {
      hold.State = 'Charged';
      // Mews' example shows a charged preauthorization still active (stand-in: kept so).
      hold.IsActive = true;
      const enterprise = enterpriseById(record.enterpriseId);
      if (enterprise) {
        const ctx = internalContext(runtime, enterprise, new URL(c.req.url).origin);
        const id = randomUUID();
        const payment = createPayment(ctx, {
          id,
          accountId: hold.CustomerId,
          body: { ReservationId: hold.ReservationId },
          currency: hold.Amount.Currency,
          value: hold.Amount.GrossValue,
          type: 'CreditCardPayment',
          state: 'Charged',
          notes: null,
          identifier: null,
          data: {
            Discriminator: 'CreditCard',
            CreditCard: { CreditCardId: hold.CreditCardId, Transaction: null },
          },
        });
        payment.payment.PaymentOrigin = 'Operations';
        paymentId = id;
      }
    } else {
      hold.State = 'Cancelled';
      hold.IsActive = false;
    }
    record.updatedUtc = runtime.store.nowUtc();
    runtime.store.save();
    return c.json({ preauthorization: hold, paymentId });
  });
}
