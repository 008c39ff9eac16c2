/**
 * The card outcome table: which PCI Proxy sandbox test card (secure-fields.md §1.9) does what when
 * Mews charges it. This is the only place the mapping lives; the README table is copied from here
 * and tests iterate over it.
 *
 * Only these cards can be tokenized, as in PCI Proxy's sandbox, where productive cards are refused:
 * a Luhn-valid number that is not listed here is reported `valid: false` by the card-number field.
 */

export type BrandCode = 'VIS' | 'ECA' | 'AMX' | 'DIN' | 'DIS' | 'JCB' | 'ELO' | 'CUP' | 'HCP';

/**
 * - `charged`: the charge succeeds at once (payment `State: Charged`).
 * - `declined`: the issuer declines (payment `State: Failed`).
 * - `insufficient-funds`: the issuer declines for lack of funds (payment `State: Failed`).
 * - `expired`: the issuer reports the card expired; Mews refuses to store it, so
 *   `creditCards/addTokenized` answers 403 and no card is created.
 * - `pending-then-charged`: the payment stays `Pending` and settles to `Charged` later.
 * - `pending-then-failed`: the payment stays `Pending` and ends `Failed` later.
 * - `verifying`: the issuer demands strong customer authentication (PSD2). Mews cannot ask the
 *   guest during a server-side charge, so the payment goes `Verifying` and Mews e-mails the guest
 *   a verification link; verified → `Charged`, declined → `Failed`, ignored 24 h → `Canceled`.
 */
export type CardOutcome =
  | 'charged'
  | 'declined'
  | 'insufficient-funds'
  | 'expired'
  | 'pending-then-charged'
  | 'pending-then-failed'
  | 'verifying';

export interface TestCard {
  pan: string;
  brand: BrandCode;
  outcome: CardOutcome;
  /**
   * How a refund of a charge on this card ends: Mews answers every refund `Pending`, and it
   * settles `Charged`, or `Failed` for the card whose issuer refuses refunds.
   */
  refund: 'Charged' | 'Failed';
  /** CVV the field accepts: 3 digits, 4 for Amex, none for the UnionPay test cards. */
  cvvLength: 0 | 3 | 4;
  cardInfo: {
    brand: string;
    type: 'credit' | 'debit';
    usage: 'consumer' | 'corporate';
    country: string;
    issuer: string;
  };
}

function card(
  pan: string,
  brand: BrandCode,
  outcome: CardOutcome,
  info: {
    brand: string;
    type?: 'credit' | 'debit';
    usage?: 'consumer' | 'corporate';
    country?: string;
    refund?: 'Charged' | 'Failed';
  },
): TestCard {
  return {
    pan,
    brand,
    outcome,
    refund: info.refund ?? 'Charged',
    cvvLength: brand === 'AMX' ? 4 : brand === 'CUP' ? 0 : 3,
    cardInfo: {
      brand: info.brand,
      type: info.type ?? 'credit',
      usage: info.usage ?? 'consumer',
      country: info.country ?? 'CH',
      issuer: 'DATATRANS',
    },
  };
}

export const TEST_CARDS: readonly TestCard[] = [
  card('4242424242424242', 'VIS', 'charged', { brand: 'VISA CREDIT', country: 'GB' }),
  card('4900000000000086', 'VIS', 'declined', { brand: 'VISA DEBIT', type: 'debit' }),
  card('4900000000000003', 'VIS', 'insufficient-funds', { brand: 'VISA DEBIT', type: 'debit' }),
  card('5404000000000001', 'ECA', 'charged', { brand: 'MASTERCARD', country: 'DE' }),
  card('5200000000000007', 'ECA', 'pending-then-charged', { brand: 'MASTERCARD' }),
  card('5200000000000080', 'ECA', 'expired', { brand: 'MASTERCARD' }),
  card('375811111111115', 'AMX', 'charged', { brand: 'AMERICAN EXPRESS', country: 'US' }),
  card('375000000000007', 'AMX', 'pending-then-failed', {
    brand: 'AMERICAN EXPRESS',
    country: 'US',
  }),
  card('375811111111123', 'AMX', 'charged', {
    brand: 'AMERICAN EXPRESS',
    usage: 'corporate',
    country: 'US',
  }),
  card('36168002586009', 'DIN', 'charged', { brand: 'DINERS CLUB' }),
  card('36167719110012', 'DIN', 'charged', { brand: 'DINERS CLUB' }),
  card('6011000000000004', 'DIS', 'charged', { brand: 'DISCOVER', country: 'US' }),
  card('3569990010030442', 'JCB', 'charged', { brand: 'JCB', country: 'JP' }),
  card('3569990010030400', 'JCB', 'charged', { brand: 'JCB', country: 'JP' }),
  card('6550000000000001', 'ELO', 'charged', { brand: 'ELO', country: 'BR' }),
  card('6362970000457013', 'ELO', 'charged', { brand: 'ELO', country: 'BR' }),
  card('6222821234560017', 'CUP', 'charged', { brand: 'UNIONPAY', country: 'CN' }),
  card('6223164991230014', 'CUP', 'charged', { brand: 'UNIONPAY', country: 'CN' }),
  card('3841000000000007', 'HCP', 'charged', { brand: 'HIPERCARD', country: 'BR' }),
  // PCI Proxy's 3DS v2 test cards (secure-fields.md §1.9): "challenge ok" stands for an issuer
  // that demands authentication, "frictionless ok" for a card that charges but refuses refunds.
  card('4000001000000026', 'VIS', 'verifying', { brand: 'VISA CREDIT', country: 'DE' }),
  card('4000001000000018', 'VIS', 'charged', {
    brand: 'VISA CREDIT',
    country: 'DE',
    refund: 'Failed',
  }),
];

/** Named shortcuts for tests. */
export const CARDS = {
  visaCharged: '4242424242424242',
  mastercardCharged: '5404000000000001',
  amexCharged: '375811111111115',
  visaDeclined: '4900000000000086',
  visaInsufficientFunds: '4900000000000003',
  mastercardExpired: '5200000000000080',
  mastercardPending: '5200000000000007',
  amexPendingThenFailed: '375000000000007',
  unionPayNoCvv: '6222821234560017',
  /** Charge goes `Verifying` until the guest answers the e-mailed link (or 24 h pass). */
  visaVerifying: '4000001000000026',
  /** Charges `Charged`; every refund of it is `Pending`, then `Failed`. */
  visaRefundRefused: '4000001000000018',
  /** Luhn-valid but not a sandbox test card: refused like a productive card in PCI Proxy's sandbox. */
  productiveVisa: '4111111111111111',
} as const;

/** Mews `CreditCard.Type` for a PCI Proxy brand code (null where Mews has no matching enum value). */
export const MEWS_CARD_TYPE: Record<BrandCode, string | null> = {
  VIS: 'Visa',
  ECA: 'MasterCard',
  AMX: 'Amex',
  DIN: 'DinersClub',
  DIS: 'Discover',
  JCB: 'Jcb',
  CUP: 'UnionPay',
  ELO: null,
  HCP: null,
};

export function findTestCard(pan: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.pan === pan);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** PCI Proxy's masked form: first 6 and last 4 digits with lowercase `x` between. */
export function maskCard(pan: string): string {
  return `${pan.slice(0, 6)}${'x'.repeat(Math.max(0, pan.length - 10))}${pan.slice(-4)}`;
}

/** Brand by BIN/IIN and length; the frames do the same detection in the browser. */
export function detectBrand(pan: string): BrandCode | null {
  const n = pan.length;
  const p2 = Number(pan.slice(0, 2));
  const p3 = Number(pan.slice(0, 3));
  const p4 = Number(pan.slice(0, 4));
  const p6 = Number(pan.slice(0, 6));
  if (
    /^(4011|4312|4389|4514|4576|5041|5066|5067|509|6277|6362|6363|650|6516|6550)/.test(pan) &&
    n === 16
  )
    return 'ELO';
  if (/^(3841|606282)/.test(pan) && (n === 16 || n === 19)) return 'HCP';
  if (pan.startsWith('4') && (n === 13 || n === 16 || n === 19)) return 'VIS';
  if (((p2 >= 51 && p2 <= 55) || (p6 >= 222100 && p6 <= 272099)) && n === 16) return 'ECA';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'AMX';
  if (
    (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305) || p3 === 309) &&
    n >= 14 &&
    n <= 19
  )
    return 'DIN';
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) && n >= 16 && n <= 19) return 'DIS';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'JCB';
  if (p2 === 62 && n >= 16 && n <= 19) return 'CUP';
  return null;
}

/** A full card number: a known brand's BIN and length, and a valid Luhn check digit. */
export function looksLikeCardNumber(digits: string): boolean {
  return detectBrand(digits) !== null && luhnValid(digits);
}

const PAN_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

/**
 * True when a string contains something that looks like a full card number (13–19 digits,
 * optionally separated by spaces or dashes). Used to keep PANs out of the request log and to
 * refuse them in `payments/addCreditCard`.
 */
export function containsCardNumber(text: string): boolean {
  const candidates = text.match(PAN_CANDIDATE) ?? [];
  return candidates.some((candidate) => looksLikeCardNumber(candidate.replace(/[ -]/g, '')));
}

/** Replaces every full card number in a string with its masked form. */
export function redactCardNumbers(text: string): string {
  return text.replace(PAN_CANDIDATE, (candidate) => {
    const digits = candidate.replace(/[ -]/g, '');
    return looksLikeCardNumber(digits) ? maskCard(digits) : candidate;
  });
}
