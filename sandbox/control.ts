import type { Hono } from 'hono';
import { DEMO_LINKS } from './demo-links';
import { FaultError, type FaultSpec } from './faults';
import { NOTES_MODES, type NotesMode, type SandboxRuntime } from './runtime';
import { listVerifications } from './sca-verification';
import {
  completeIdeal,
  completeVerification,
  settlePendingNow,
  type IdealOutcome,
  type VerificationOutcome,
} from './settlement';
import type { PaymentState } from './state';
import { tokenize } from './vault';

/**
 * The control API under `/_sandbox/...`: what tests (and curious humans) use to reset the sandbox,
 * inject faults, read the request log, move the clock, settle payments, configure webhooks and
 * hand the app its demo payment links.
 * It is outside `/api/connector/v1`, so an app talking to Mews can never reach it by accident.
 */
export function registerControlRoutes(app: Hono, runtime: SandboxRuntime): void {
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

  app.get('/_sandbox/health', (c) => c.json({ ok: true, nowUtc: runtime.store.nowUtc() }));

  // Read-only: what the app's demo payment links are made of (it must not import the seed).
  app.get('/_sandbox/demo-links', (c) => c.json({ links: DEMO_LINKS }));

  app.post('/_sandbox/reset', (c) => {
    runtime.reset();
    return c.json({ ok: true });
  });

  app.get('/_sandbox/requests', (c) =>
    c.json({ requests: runtime.log.list(c.req.query('operation')) }),
  );
  app.delete('/_sandbox/requests', (c) => {
    runtime.log.clear();
    return c.json({ ok: true });
  });

  app.get('/_sandbox/faults', (c) => c.json({ faults: runtime.faults.list() }));
  app.post('/_sandbox/faults', async (c) => {
    let specs: FaultSpec[];
    try {
      const body: unknown = await c.req.json();
      specs = Array.isArray(body) ? (body as FaultSpec[]) : [body as FaultSpec];
      const added = specs.map((s) => runtime.faults.add(s));
      return c.json({ faults: added });
    } catch (e) {
      return c.json(
        {
          error:
            e instanceof FaultError ? e.message : 'Send a fault spec or an array of them as JSON',
        },
        400,
      );
    }
  });
  app.delete('/_sandbox/faults', (c) => {
    runtime.faults.clear();
    return c.json({ ok: true });
  });
  app.delete('/_sandbox/faults/:id', (c) =>
    c.json({ ok: runtime.faults.remove(c.req.param('id')) }),
  );

  app.get('/_sandbox/clock', (c) =>
    c.json({
      nowUtc: runtime.store.nowUtc(),
      offsetSeconds: runtime.store.state.clockOffsetMs / 1000,
    }),
  );
  app.post('/_sandbox/clock/advance', async (c) => {
    const seconds = Number((await json(c)).seconds);
    if (!Number.isFinite(seconds) || seconds < 0)
      return c.json({ error: 'seconds must be a non-negative number' }, 400);
    const changedPaymentIds = runtime.advanceClock(seconds);
    return c.json({ nowUtc: runtime.store.nowUtc(), changedPaymentIds });
  });

  app.post('/_sandbox/payments/settle', async (c) => {
    const body = await json(c);
    const ids = Array.isArray(body.paymentIds) ? (body.paymentIds as string[]) : null;
    const state =
      body.state === 'Charged' || body.state === 'Failed' ? (body.state as PaymentState) : null;
    const changedPaymentIds = settlePendingNow(runtime.store, runtime.events, ids, state);
    return c.json({ changedPaymentIds });
  });

  app.post('/_sandbox/ideal/:paymentId', async (c) => {
    const outcome = String((await json(c)).outcome ?? '');
    if (outcome !== 'approve' && outcome !== 'cancel' && outcome !== 'fail') {
      return c.json({ error: 'outcome must be approve, cancel or fail' }, 400);
    }
    const record = runtime.store.state.payments.find(
      (r) => r.payment.Id === c.req.param('paymentId') && r.ideal,
    );
    if (!record?.ideal) return c.json({ error: 'No iDEAL payment with this id' }, 404);
    const changed = completeIdeal(runtime.store, runtime.events, record, outcome as IdealOutcome);
    return c.json({ changed, state: record.payment.State, redirectUrl: record.ideal.redirectUrl });
  });

  // The verification links Mews would have e-mailed to guests whose charge went `Verifying`.
  app.get('/_sandbox/verifications', (c) => {
    runtime.tick();
    return c.json({
      verifications: listVerifications(runtime.store, new URL(c.req.url).origin, {
        customerId: c.req.query('customerId'),
        email: c.req.query('email'),
      }),
    });
  });
  app.post('/_sandbox/verifications/:paymentId', async (c) => {
    const outcome = String((await json(c)).outcome ?? '');
    if (outcome !== 'approve' && outcome !== 'fail') {
      return c.json({ error: 'outcome must be approve or fail' }, 400);
    }
    const record = runtime.store.state.payments.find(
      (r) => r.payment.Id === c.req.param('paymentId') && r.verification,
    );
    if (!record) return c.json({ error: 'No Verifying card payment with this id' }, 404);
    const changed = completeVerification(
      runtime.store,
      runtime.events,
      record,
      outcome as VerificationOutcome,
    );
    return c.json({ changed, state: record.payment.State });
  });

  app.get('/_sandbox/webhooks', (c) =>
    c.json({ config: runtime.webhooks.config, busy: runtime.webhooks.busy }),
  );
  app.put('/_sandbox/webhooks', async (c) => {
    const body = await json(c);
    const next = { ...runtime.webhooks.config };
    if (body.url === null || typeof body.url === 'string')
      next.url = (body.url as string | null) || null;
    for (const key of ['delayMs', 'retryDelayMs', 'maxAttempts', 'timeoutMs'] as const) {
      if (typeof body[key] === 'number') next[key] = body[key] as number;
    }
    runtime.webhooks.config = next;
    return c.json({ config: next });
  });
  app.get('/_sandbox/webhooks/deliveries', (c) =>
    c.json({ deliveries: runtime.webhooks.deliveries, busy: runtime.webhooks.busy }),
  );

  app.get('/_sandbox/settings', (c) =>
    c.json({
      settings: runtime.settings,
      rateLimit: {
        limit: runtime.rateLimiter.limit,
        windowSeconds: runtime.rateLimiter.windowMs / 1000,
      },
    }),
  );
  app.put('/_sandbox/settings', async (c) => {
    const body = await json(c);
    if (body.notesMode !== undefined && !NOTES_MODES.includes(body.notesMode as NotesMode)) {
      return c.json({ error: `notesMode must be one of ${NOTES_MODES.join(', ')}` }, 400);
    }
    for (const key of [
      'pendingSettleSeconds',
      'idealExpiryMinutes',
      'latencyMs',
      'refundSettleSeconds',
      'verificationHours',
    ] as const) {
      if (typeof body[key] === 'number') runtime.settings[key] = body[key] as number;
    }
    if (body.notesMode !== undefined) runtime.settings.notesMode = body.notesMode as NotesMode;
    if (typeof body.rateLimit === 'number') runtime.rateLimiter.limit = body.rateLimit;
    if (typeof body.rateLimitWindowSeconds === 'number')
      runtime.rateLimiter.windowMs = body.rateLimitWindowSeconds * 1000;
    return c.json({ settings: runtime.settings });
  });

  // Server-side tokenization for API-level tests that have no browser. The browser path is the
  // card-number frame posting to /secure-fields/api/tokenize; both go through the same vault.
  app.post('/_sandbox/secure-fields/tokenize', async (c) => {
    const body = await json(c);
    const result = tokenize(runtime.store, {
      merchantId: String(body.merchantId ?? ''),
      cardNumber: String(body.cardNumber ?? ''),
      cvv: String(body.cvv ?? ''),
      expm: body.expm as string | undefined,
      expy: body.expy as string | undefined,
    });
    if (!result.ok)
      return c.json({ error: result.error, field: result.field ?? null }, result.status);
    return c.json({
      transactionId: result.transactionId,
      maskedCard: result.entry.maskedCard,
      paymentMethod: result.entry.brand,
      cardInfo: result.entry.cardInfo,
    });
  });
}
