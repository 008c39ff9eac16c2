import type { Hono } from 'hono';
import { html } from 'hono/html';
import { sandboxPage } from './html-page';
import type { SandboxRuntime } from './runtime';
import { enterpriseById } from './seed';
import { completeIdeal, type IdealOutcome } from './settlement';

/**
 * The iDEAL bank stand-in behind `NextAction.Value` of `payments/addAlternative`. The payer picks
 * Approve, Cancel or Fail and is sent back to the `RedirectUrl` the app gave (with nothing added:
 * Mews documents no result parameters). A payer who leaves leaves the payment `Pending` until it
 * expires as `Canceled` after 15 minutes of sandbox time.
 */
export function registerIdealBankRoutes(app: Hono, runtime: SandboxRuntime): void {
  const find = (token: string) =>
    runtime.store.state.payments.find((r) => r.ideal?.token === token);

  app.get('/ideal-bank/authenticate/:token', (c) => {
    runtime.tick();
    const record = find(c.req.param('token'));
    if (!record?.ideal)
      return c.html(page('Payment not found', html`<p>This payment link is not valid.</p>`), 404);
    const p = record.payment;
    const merchant = enterpriseById(p.EnterpriseId)?.name ?? 'Merchant';
    const amount = `${new Intl.NumberFormat('nl-NL', { style: 'currency', currency: p.Amount.Currency }).format(Math.abs(p.Amount.GrossValue))}`;
    if (p.State !== 'Pending') {
      return c.html(
        page(
          'Payment already processed',
          html`<p>This payment is <strong data-testid="state">${p.State}</strong>.</p>
            <p><a href="${record.ideal.redirectUrl}">Return to ${merchant}</a></p>`,
        ),
      );
    }
    const action = `/ideal-bank/authenticate/${record.ideal.token}`;
    return c.html(
      page(
        'iDEAL – Sandbox Bank',
        html`<p>
            Pay <strong data-testid="amount">${amount}</strong> to <strong>${merchant}</strong>.
          </p>
          <p class="muted">
            Sandbox bank: no money moves. Leave this page to let the payment expire after 15
            minutes.
          </p>
          <form method="post" action="${action}">
            <button name="outcome" value="approve" class="approve">Approve</button>
            <button name="outcome" value="cancel">Cancel</button>
            <button name="outcome" value="fail" class="fail">Fail</button>
          </form>`,
      ),
    );
  });

  app.post('/ideal-bank/authenticate/:token', async (c) => {
    const record = find(c.req.param('token'));
    if (!record?.ideal)
      return c.html(page('Payment not found', html`<p>This payment link is not valid.</p>`), 404);
    const form = await c.req.parseBody();
    const outcome = String(form.outcome ?? '');
    if (outcome !== 'approve' && outcome !== 'cancel' && outcome !== 'fail') {
      return c.html(page('Unknown choice', html`<p>Choose Approve, Cancel or Fail.</p>`), 400);
    }
    completeIdeal(runtime.store, runtime.events, record, outcome as IdealOutcome);
    return c.redirect(record.ideal.redirectUrl, 303);
  });
}

function page(title: string, body: unknown) {
  return sandboxPage(title, body, '#cc0066');
}
