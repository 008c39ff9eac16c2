/**
 * What the desk forms and the payment page show, in the clerk's words: card expiries as printed
 * on cards and terminal receipts, the external type a form starts on, recorded terminal cards kept
 * apart from the cards that can be charged, and one timeline of everything that happened to a
 * payment.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { paymentTimeline } from '@/components/staff/payment-timeline';
import { groupStoredCards, StoredCards } from '@/components/staff/stored-cards';
import { dueAmountText, reservationLabel } from '@/components/staff/payment-form-kit';
import type { PaymentDetail, PaymentRow } from '@/lib/payments/back-office/payments';
import type { StoredCardView } from '@/lib/payments/back-office/customers';
import { parseStaffExpiry } from '@/lib/payments/staff/expiry';
import {
  cardBrandLabel,
  defaultExternalPaymentType,
  externalTypeLabel,
  orderExternalPaymentTypes,
} from '@/lib/payments/staff/external-types';
import {
  needsManagerApproval,
  newCardChargeSchema,
  terminalCardPaymentSchema,
} from '@/lib/payments/staff/schemas';

const text = (element: React.ReactElement) =>
  renderToStaticMarkup(element)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('card expiry typed at the desk', () => {
  it('accepts MM/YY, MM/YYYY and M/YY', () => {
    expect(parseStaffExpiry('09/29')).toEqual({ month: 9, year: 2029 });
    expect(parseStaffExpiry('09/2029')).toEqual({ month: 9, year: 2029 });
    expect(parseStaffExpiry('9/29')).toEqual({ month: 9, year: 2029 });
    expect(parseStaffExpiry(' 12 / 2030 ')).toEqual({ month: 12, year: 2030 });
  });

  it('refuses what is not a month and a year', () => {
    for (const bad of ['13/29', '00/29', '0/29', '12-29', '1229', '12/1999', '12/299', '']) {
      expect(parseStaffExpiry(bad), bad).toBeUndefined();
    }
  });

  const terminal = (expiry: string) =>
    terminalCardPaymentSchema.safeParse({
      idempotencyKey: 'k'.repeat(20),
      customerId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
      amount: '10',
      currency: 'EUR',
      brand: 'Visa',
      obfuscatedNumber: '************1111',
      expiry,
      holderName: 'Alice Smith',
      receiptIdentifier: 'T-1',
    });

  it('the terminal form sends Mews MM/YYYY whichever way it was typed', () => {
    for (const typed of ['09/29', '9/29', '09/2029']) {
      const parsed = terminal(typed);
      expect(parsed.success, typed).toBe(true);
      expect(parsed.data?.expiry).toBe('09/2029');
    }
    const refused = terminal('13/2029');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Enter the expiry as MM/YY or MM/YYYY');
  });

  it('the new-card charge takes MM/YYYY too and keeps MM/YY for the card check', () => {
    const parsed = newCardChargeSchema.safeParse({
      idempotencyKey: 'k'.repeat(20),
      customerId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
      amount: '10',
      currency: 'EUR',
      confirmed: true,
      card: { transactionId: '123456789012345678' },
      expiry: '12/2030',
    });
    expect(parsed.data?.expiry).toBe('12/30');
  });
});

describe('external payment types', () => {
  const enabled = ['Unspecified', 'WireTransfer', 'Bacs', 'Cash', 'GiftCard'];

  it('starts on the type the desk recorded most lately', () => {
    expect(defaultExternalPaymentType(enabled, { Bacs: 7, Cash: 3 })).toBe('Bacs');
    expect(orderExternalPaymentTypes(enabled, { Bacs: 7, Cash: 3 })).toEqual([
      'Bacs',
      'Cash',
      'WireTransfer',
      'GiftCard',
      'Unspecified',
    ]);
  });

  it('without history: Cash, then bank transfer; never Unspecified', () => {
    expect(defaultExternalPaymentType(enabled, {})).toBe('Cash');
    expect(defaultExternalPaymentType(['Unspecified', 'WireTransfer'], {})).toBe('WireTransfer');
    expect(defaultExternalPaymentType(['Unspecified', 'Barter'], {})).toBe('Barter');
    // Already ranked by the server: its first that is not "Unspecified".
    expect(defaultExternalPaymentType(['Unspecified', 'Bacs', 'Cash'])).toBe('Bacs');
    // Even when it was used most: "Unspecified" is refused in some countries.
    expect(defaultExternalPaymentType(['Unspecified', 'Cash'], { Unspecified: 50 })).toBe('Cash');
    expect(defaultExternalPaymentType(['Unspecified'])).toBe('');
  });

  it('are labelled in words a hotel uses', () => {
    expect(externalTypeLabel('WireTransfer')).toBe('Bank transfer');
    expect(externalTypeLabel('Bacs')).toBe('BACS');
    expect(externalTypeLabel('DepositWireTransfer')).toBe('Deposit – bank transfer');
    expect(externalTypeLabel('SomeNewType')).toBe('Some new type');
    expect(cardBrandLabel('DinersClub')).toBe('Diners Club');
    expect(cardBrandLabel('Jcb')).toBe('JCB');
    expect(cardBrandLabel('MasterCard')).toBe('Mastercard');
    expect(cardBrandLabel(null)).toBe('Card');
  });
});

describe('stored cards on the customer page', () => {
  const card = (
    id: string,
    kind: StoredCardView['kind'],
    chargeable: boolean,
    last4: string,
  ): StoredCardView => ({
    id,
    brand: 'Visa',
    obfuscatedNumber: `************${last4}`,
    expiration: '12/2030',
    kind,
    chargeable,
  });
  const cards = [
    card('g1', 'gateway', true, '4242'),
    card('t1', 'terminal', false, '1111'),
    card('g2', 'gateway', false, '0005'),
  ];

  it('keeps recorded terminal cards apart from the cards that can be charged', () => {
    expect(groupStoredCards(cards)).toEqual({
      chargeable: [cards[0]],
      terminal: [cards[1]],
      other: [cards[2]],
    });
    const html = renderToStaticMarkup(<StoredCards cards={cards} />);
    const chargeable = html.slice(html.indexOf('data-testid="stored-cards"'));
    expect(chargeable.slice(0, chargeable.indexOf('</table>'))).toContain('4242');
    expect(chargeable.slice(0, chargeable.indexOf('</table>'))).not.toContain('1111');
    const page = text(<StoredCards cards={cards} />);
    expect(page).toContain('Cards recorded at the terminal');
    expect(page).not.toContain('Can be charged');
  });

  it('says so when only terminal records exist', () => {
    const page = text(<StoredCards cards={[cards[1]!]} />);
    expect(page).toContain('No card that can be charged from here.');
    expect(page).toContain('Cards recorded at the terminal');
  });
});

describe('reservations in the payment forms', () => {
  const reservation = {
    id: 'r1',
    number: 'SBX-1001',
    startUtc: '2026-12-03T14:00:00.000Z',
    endUtc: '2026-12-05T10:00:00.000Z',
    room: '101',
    due: { amountMinor: 12_550, currency: 'GBP' },
  };

  it('are shown as number · dates · room, and prefill what is due', () => {
    expect(reservationLabel(reservation)).toBe('SBX-1001 · 3 Dec 2026 – 5 Dec 2026 · Room 101');
    expect(dueAmountText(reservation, ['GBP', 'EUR'])).toEqual({
      amount: '125.50',
      currency: 'GBP',
    });
    expect(dueAmountText(reservation, ['EUR'])).toBeUndefined();
    expect(dueAmountText({ ...reservation, due: null }, ['GBP'])).toBeUndefined();
  });
});

describe('manager approval', () => {
  it('is offered for a refusal above the limit or of an approval, not for others', () => {
    const limit = { code: 'forbidden', fieldErrors: { amount: ['Charges above…'] } };
    expect(needsManagerApproval(limit)).toBe(true);
    expect(
      needsManagerApproval({ code: 'forbidden', fieldErrors: { 'approval.password': ['x'] } }),
    ).toBe(true);
    expect(needsManagerApproval({ code: 'forbidden' })).toBe(false);
    expect(needsManagerApproval({ code: 'invalid_input', fieldErrors: { amount: ['x'] } })).toBe(
      false,
    );
  });
});

describe('the payment page', () => {
  const row = (over: Partial<PaymentRow>): PaymentRow =>
    ({
      id: '8f14e45f-ceea-467f-a0e6-3b0c1a2b3c4d',
      createdAt: '2026-12-03T10:00:00.000Z',
      updatedAt: '2026-12-03T10:00:05.000Z',
      method: 'stored_card',
      state: 'succeeded',
      amountMinor: 150_000,
      currency: 'GBP',
      customerId: 'c1',
      reservationId: null,
      mewsPaymentId: 'm1',
      paymentLinkId: null,
      refundOfAttemptId: null,
      cardBrand: null,
      cardMasked: null,
      failureCode: null,
      failureMessage: null,
      notes: null,
      staffEmail: 'frank@hotel.test',
      needsAttention: false,
      verifyingSince: null,
      ...over,
    }) as PaymentRow;

  it('shows every event of the payment in one timeline, refunds included', () => {
    const detail = {
      payment: { ...row({}), staffName: 'Frank Desk' },
      refunds: [
        row({
          id: 'r-ok',
          method: 'refund',
          amountMinor: 10_000,
          createdAt: '2026-12-03T11:00:00.000Z',
          updatedAt: '2026-12-03T11:30:00.000Z',
        }),
        row({
          id: 'r-fail',
          method: 'refund',
          state: 'failed',
          amountMinor: 5_000,
          createdAt: '2026-12-03T12:00:00.000Z',
          updatedAt: '2026-12-03T12:10:00.000Z',
        }),
        row({
          id: 'r-pending',
          method: 'refund',
          state: 'pending',
          amountMinor: 2_000,
          createdAt: '2026-12-03T13:00:00.000Z',
          updatedAt: '2026-12-03T13:00:01.000Z',
        }),
      ],
      audit: [
        {
          id: 2,
          occurredAt: '2026-12-03T10:00:04.000Z',
          actor: 'frank@hotel.test',
          actorType: 'staff',
          action: 'payment.stored_card.succeeded',
          outcome: 'success',
          subjectType: 'payment_attempt',
          subjectId: 'x',
          amountMinor: 150_000,
          currency: 'GBP',
          mewsIds: null,
          details: null,
          clientAddress: null,
        },
        {
          id: 1,
          occurredAt: '2026-12-03T10:00:03.000Z',
          actor: 'frank@hotel.test',
          actorType: 'staff',
          action: 'payment.charge.approved',
          outcome: 'success',
          subjectType: 'payment_attempt',
          subjectId: 'x',
          amountMinor: 150_000,
          currency: 'GBP',
          mewsIds: null,
          details: { initiator: 'Frank Desk', approver: 'Mia Manager' },
          clientAddress: null,
        },
      ],
      emails: [
        {
          id: 'e1',
          kind: 'receipt',
          recipient: 'alice@example.com',
          recipientRole: 'guest',
          state: 'sent',
          attempts: 1,
          lastError: null,
          sentAt: '2026-12-03T10:01:00.000Z',
          createdAt: '2026-12-03T10:00:30.000Z',
          resendable: true,
        },
      ],
    } as unknown as PaymentDetail;
    const lines = paymentTimeline(detail).map((event) =>
      [event.what, event.who].filter(Boolean).join(' — '),
    );
    expect(lines).toEqual([
      'Stored card of 1500.00 GBP started — Frank Desk',
      'Above the front-desk limit: approved by Mia Manager for Frank Desk — Mia Manager',
      'Stored card: paid — Frank Desk',
      'Receipt to alice@example.com: sent',
      'Refund of 100.00 GBP requested — Frank Desk',
      'Refunded 100.00 GBP',
      'Refund of 50.00 GBP requested — Frank Desk',
      'Refund of 50.00 GBP failed — the guest was not refunded',
      'Refund of 20.00 GBP requested — Frank Desk',
      'Refund of 20.00 GBP pending at the card gateway (it can still fail)',
    ]);
  });
});
