/**
 * Mews' external payment types and card brands in the words a hotel uses, and the external type a
 * desk form starts on. Client-safe. (A small local map until the back office's translated
 * vocabulary, lib/i18n/staff-vocabulary.ts, is wired into the forms.)
 */

/** The order a hotel reaches for them when the ledger has no history yet. */
export const EXTERNAL_TYPE_ORDER = [
  'Cash',
  'WireTransfer',
  'Bacs',
  'DirectDebit',
  'Cheque',
  'DepositCash',
  'DepositWireTransfer',
  'DepositCheck',
  'Invoice',
  'Prepayment',
  'GiftCard',
  'LoyaltyPoints',
  'Voucher',
] as const;

export const EXTERNAL_TYPE_LABEL: Record<string, string> = {
  Cash: 'Cash',
  WireTransfer: 'Bank transfer',
  Bacs: 'BACS',
  DirectDebit: 'Direct debit',
  Cheque: 'Cheque',
  ChequeVacances: 'Chèque-Vacances',
  DepositCash: 'Deposit – cash',
  DepositCheck: 'Deposit – cheque',
  DepositCreditCard: 'Deposit – card',
  DepositWireTransfer: 'Deposit – bank transfer',
  CreditCard: 'Card',
  DinersClub: 'Diners Club',
  Jcb: 'JCB',
  Amex: 'American Express',
  MasterCard: 'Mastercard',
  UnionPay: 'UnionPay',
  IDeal: 'iDEAL',
  PayPal: 'PayPal',
  Twint: 'TWINT',
  Reka: 'Reka',
  GiftCard: 'Gift card',
  LoyaltyCard: 'Loyalty card',
  LoyaltyPoints: 'Loyalty points',
  PosDiningAndSpaReward: 'POS dining & spa reward',
  BadDebts: 'Bad debts',
  ExchangeRateDifference: 'Exchange rate difference',
  ExchangeRoundingDifference: 'Exchange rounding difference',
  BankCharges: 'Bank charges',
  CrossSettlement: 'Cross settlement',
  Unspecified: 'Unspecified',
};

export const CARD_BRAND_LABEL: Record<string, string> = {
  Visa: 'Visa',
  MasterCard: 'Mastercard',
  Amex: 'American Express',
  Discover: 'Discover',
  DinersClub: 'Diners Club',
  Jcb: 'JCB',
  EnRoute: 'enRoute',
  Maestro: 'Maestro',
  UnionPay: 'UnionPay',
};

/** `SomeNewType` → "Some new type": a code Mews adds later is still shown in words. */
function words(code: string): string {
  const text = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/\s+/)
    .map((word, index) =>
      /^[A-Z0-9]{2,}$/.test(word) ? word : index === 0 ? word : word.toLowerCase(),
    )
    .join(' ');
  return text || code;
}

export const externalTypeLabel = (type: string) => EXTERNAL_TYPE_LABEL[type] ?? words(type);
export const cardBrandLabel = (brand: string | null | undefined) =>
  brand ? (CARD_BRAND_LABEL[brand] ?? words(brand)) : 'Card';

/**
 * The enabled types, the one to start on first: the most used in our ledger recently (`usage`,
 * counts by type), then the usual order above, then the rest as Mews lists them. "Unspecified"
 * (refused in some countries) always comes last, and is never the default while another exists.
 */
export function orderExternalPaymentTypes(
  enabled: readonly string[],
  usage: Readonly<Record<string, number>> = {},
): string[] {
  const rank = (type: string) => {
    const index = (EXTERNAL_TYPE_ORDER as readonly string[]).indexOf(type);
    return index === -1 ? EXTERNAL_TYPE_ORDER.length : index;
  };
  return [...enabled].sort((a, b) => {
    if ((a === 'Unspecified') !== (b === 'Unspecified')) return a === 'Unspecified' ? 1 : -1;
    const used = (usage[b] ?? 0) - (usage[a] ?? 0);
    if (used !== 0) return used;
    return rank(a) - rank(b) || enabled.indexOf(a) - enabled.indexOf(b);
  });
}

/**
 * The type a new external payment starts on: never "Unspecified" when anything else is enabled.
 * With `usage`, the types are ranked here; without, `types` is taken as already ranked (the
 * customer page sends them through orderExternalPaymentTypes).
 */
export function defaultExternalPaymentType(
  types: readonly string[],
  usage?: Readonly<Record<string, number>>,
): string {
  const ordered = usage ? orderExternalPaymentTypes(types, usage) : types;
  return ordered.find((type) => type !== 'Unspecified') ?? '';
}
