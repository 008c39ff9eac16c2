import { randomBytes, randomUUID } from 'node:crypto';
import type { CreditCardRecord, MewsPayment } from '../state';
import { MEWS_CARD_TYPE } from '../test-cards';
import { redeemTransactionId } from '../vault';
import type { OperationHandler } from './context';
import {
  checkOptionalIds,
  findCustomer,
  intervalFilter,
  invalid,
  newestFirst,
  obj,
  page,
  refused,
  requestedAmount,
  str,
  strArray,
} from './context';
import { createPayment, extendedAmount, storedNotes } from './payments';

export const addTokenizedCard: OperationHandler = (body, ctx) => {
  const enterpriseId = str(body, 'EnterpriseId');
  if (enterpriseId !== null && enterpriseId !== ctx.enterprise.id) throw invalid('EnterpriseId');
  const customerId = str(body, 'CustomerId');
  if (!findCustomer(ctx, customerId)) throw invalid('CustomerId');
  if (ctx.enterprise.publicKey === null) {
    throw refused('The enterprise has no payment card storage, so payment cards cannot be added.');
  }
  const data = obj(body, 'CreditCardData') ?? {};
  const expiration = String(data.Expiration ?? '');
  const match = /^(\d{4})-(\d{2})$/.exec(expiration);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12)
    throw invalid('Expiration', 'Expected the format yyyy-MM, e.g. 2030-12');
  const now = new Date(ctx.store.nowMs());
  const expiresAfter = Number(match[1]) * 12 + month;
  if (expiresAfter < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
    throw refused('The payment card has expired.');
  }

  const entry = redeemTransactionId(
    ctx.store,
    String(data.StorageData ?? ''),
    ctx.enterprise.publicKey,
  );
  if (entry.outcome === 'expired') throw refused('The payment card has expired.');

  const at = ctx.store.nowUtc();
  const record: CreditCardRecord = {
    card: {
      Id: randomUUID(),
      EnterpriseId: ctx.enterprise.id,
      CustomerId: customerId as string,
      IsActive: true,
      State: 'Enabled',
      Kind: 'Gateway',
      Format: 'Virtual',
      Type: MEWS_CARD_TYPE[entry.brand],
      ObfuscatedNumber: `${'*'.repeat(Math.max(0, entry.maskedCard.length - 4))}${entry.maskedCard.slice(-4)}`,
      Expiration: expiration,
      CreatedUtc: at,
      UpdatedUtc: at,
    },
    outcome: entry.outcome,
    refundOutcome: entry.refundOutcome ?? 'Charged',
  };
  ctx.store.state.creditCards.push(record);
  ctx.store.save();
  return { CreditCardId: record.card.Id };
};

export const getAllCreditCards: OperationHandler = (body, ctx) => {
  const enterpriseIds = strArray(body, 'EnterpriseIds');
  const ids = strArray(body, 'CreditCardIds');
  const customerIds = strArray(body, 'CustomerIds');
  const updated = intervalFilter(body, 'UpdatedUtc');
  if (!ids && !customerIds && !updated)
    throw invalid('CreditCardIds', 'CreditCardIds is required if no other filter is provided');
  const matches = ctx.store.state.creditCards
    .map((r) => r.card)
    .filter(
      (c) =>
        ctx.scope.some((e) => e.id === c.EnterpriseId) &&
        (!enterpriseIds || enterpriseIds.includes(c.EnterpriseId)) &&
        (!ids || ids.includes(c.Id)) &&
        (!customerIds || customerIds.includes(c.CustomerId)) &&
        (!updated || updated(c.UpdatedUtc)),
    );
  const { items, cursor } = page(
    body,
    newestFirst(
      matches,
      (c) => c.CreatedUtc,
      (c) => c.Id,
    ),
    (c) => c.Id,
  );
  return { CreditCards: items, Cursor: cursor };
};

export const chargeCreditCard: OperationHandler = (body, ctx) => {
  const cardId = str(body, 'CreditCardId');
  const record = ctx.store.state.creditCards.find(
    (r) => r.card.Id === cardId && r.card.EnterpriseId === ctx.enterprise.id,
  );
  if (!record) throw invalid('CreditCardId');
  const card = record.card;
  if (card.Kind !== 'Gateway')
    throw refused('Only payment cards stored through the payment gateway can be charged.');
  if (card.State !== 'Enabled' || !card.IsActive) throw refused('The payment card is disabled.');
  checkOptionalIds(body, ctx, card.CustomerId);
  const { currency, value } = requestedAmount(body, ctx);

  const outcome = record.outcome ?? 'charged';
  const state: MewsPayment['State'] =
    outcome === 'charged'
      ? 'Charged'
      : outcome === 'declined' || outcome === 'insufficient-funds'
        ? 'Failed'
        : outcome === 'verifying'
          ? 'Verifying'
          : 'Pending';
  const paymentId = randomUUID();
  const payment = createPayment(ctx, {
    id: paymentId,
    accountId: card.CustomerId,
    body,
    currency,
    value,
    type: 'CreditCardPayment',
    state,
    notes: storedNotes(ctx, str(body, 'Notes')),
    data: {
      Discriminator: 'CreditCard',
      CreditCard: {
        CreditCardId: card.Id,
        Transaction: {
          PaymentId: paymentId,
          SettlementId: null,
          SettledUtc: null,
          Fee: null,
          AdjustedFee: null,
          ChargedAmount: extendedAmount(currency, value),
          SettledAmount: null,
        },
      },
    },
  });
  if (state === 'Pending') {
    payment.settleAtMs = ctx.store.nowMs() + ctx.settings.pendingSettleSeconds * 1000;
    payment.settleTo = outcome === 'pending-then-failed' ? 'Failed' : 'Charged';
  }
  if (state === 'Verifying') {
    // Mews e-mails the guest a link to authenticate (PSD2 SCA); the sandbox keeps it for the
    // control API and the /sca/verify page instead of sending mail.
    const customer = findCustomer(ctx, card.CustomerId);
    const createdAtMs = ctx.store.nowMs();
    payment.verification = {
      token: randomBytes(18).toString('base64url'),
      email: typeof customer?.Email === 'string' ? customer.Email : null,
      createdAtMs,
      expiresAtMs: createdAtMs + ctx.settings.verificationHours * 3600_000,
    };
  }
  ctx.store.save();
  return { PaymentId: paymentId };
};
