import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrandCode, CardOutcome, TestCard } from './test-cards';
import { buildSeedState } from './seed-state';

/**
 * The sandbox's persistent state: everything Mews would remember (customers, cards, payments,
 * bills, reservations) plus the fake PCI vault and the sandbox clock. It lives in one JSON file
 * under the data folder, written atomically (temp file + rename) after every change, so a
 * restart keeps it and a crash never leaves half a file.
 */

// 3: reservations carry their room (`AssignedResourceId`) and Dan Walker is in house (SBX-1004).
// 4: payment requests, preauthorizations, the "Mews e-mails" of payment requests, staff tasks and
//    the Mews Payments Checkout settings.
export const STATE_VERSION = 4;

export interface TaxValue {
  Code: string | null;
  Value: number;
}
export interface MewsAmount {
  Currency: string;
  NetValue: number;
  GrossValue: number;
  TaxValues: TaxValue[];
  Breakdown: { Items: Array<{ TaxRateCode: string | null; NetValue: number; TaxValue: number }> };
}
export type ExtendedAmount = MewsAmount & {
  Value?: number | null;
  Net?: number | null;
  Tax?: number | null;
  TaxRate?: number | null;
};

export type PaymentState = 'Charged' | 'Canceled' | 'Pending' | 'Failed' | 'Verifying';
export type AccountingState = 'Open' | 'Closed' | 'Inactive' | 'Canceled';
export type PaymentType = 'CreditCardPayment' | 'AlternativePayment' | 'ExternalPayment';

export interface PaymentData {
  Discriminator: 'CreditCard' | 'External' | 'Alternative';
  CreditCard?: {
    CreditCardId: string | null;
    Transaction: {
      PaymentId: string;
      SettlementId: string | null;
      SettledUtc: string | null;
      Fee: ExtendedAmount | null;
      AdjustedFee: ExtendedAmount | null;
      ChargedAmount: ExtendedAmount;
      SettledAmount: ExtendedAmount | null;
    } | null;
  } | null;
  External?: { Type: string; ExternalIdentifier: string | null } | null;
  Alternative?: { Type: string } | null;
}

export interface MewsPayment {
  Id: string;
  EnterpriseId: string;
  AccountId: string;
  AccountType: 'Customer' | 'Company';
  PaymentRequestId: string | null;
  BillId: string | null;
  ReservationId: string | null;
  AccountingCategoryId: string | null;
  Amount: MewsAmount;
  OriginalAmount: MewsAmount;
  Notes: string | null;
  SettlementId: string | null;
  ConsumedUtc: string | null;
  ClosedUtc: string | null;
  ChargedUtc: string | null;
  CreatedUtc: string;
  UpdatedUtc: string;
  SettlementUtc: string | null;
  AccountingState: AccountingState;
  State: PaymentState;
  Identifier: string | null;
  Type: PaymentType;
  Kind: 'Payment' | 'Refund' | null;
  Data: PaymentData | null;
  PaymentOrigin: string | null;
}

export interface PaymentRecord {
  payment: MewsPayment;
  /** What the charge was asked for, kept for refunds (payments read back negative). */
  value: number;
  refundedValue: number;
  receiptIdentifier: string | null;
  /** Sandbox-clock time at which a Pending card payment settles, and to what. */
  settleAtMs: number | null;
  settleTo: 'Charged' | 'Failed' | null;
  ideal: { token: string; redirectUrl: string; expiresAtMs: number } | null;
  /** The link Mews e-mails for a `Verifying` card payment (strong customer authentication). */
  verification?: VerificationRecord | null;
  /** For a refund: the payment it gives money back from (a failed refund gives the amount back). */
  refundOf?: string | null;
}

export interface VerificationRecord {
  token: string;
  /** Where Mews would send the link: the customer's e-mail at charge time. */
  email: string | null;
  createdAtMs: number;
  expiresAtMs: number;
}

export interface MewsCreditCard {
  Id: string;
  EnterpriseId: string;
  CustomerId: string;
  IsActive: boolean;
  State: 'Enabled' | 'Disabled';
  Kind: 'Terminal' | 'Gateway';
  Format: 'Physical' | 'Virtual';
  Type: string | null;
  ObfuscatedNumber: string | null;
  Expiration: string | null;
  CreatedUtc: string;
  UpdatedUtc: string;
}

export interface CreditCardRecord {
  card: MewsCreditCard;
  /** How charges on this card end; null for cards that were only recorded (addCreditCard, terminal). */
  outcome: CardOutcome | null;
  /** How refunds of charges on this card end (absent: `Charged`). */
  refundOutcome?: 'Charged' | 'Failed';
}

/** What the fake PCI vault keeps for a tokenization: never the card number or the CVV. */
export interface VaultEntry {
  transactionId: string;
  merchantId: string;
  createdAtMs: number;
  usedAtMs: number | null;
  maskedCard: string;
  brand: BrandCode;
  cardInfo: TestCard['cardInfo'];
  outcome: CardOutcome;
  refundOutcome?: 'Charged' | 'Failed';
  expm: string | null;
  expy: string | null;
}

export type MewsObject = Record<string, unknown> & {
  Id: string;
  CreatedUtc: string;
  UpdatedUtc: string;
};

export interface RevenueItem {
  id: string;
  billId: string;
  accountId: string;
  reservationId: string;
  accountingCategoryId: string;
  name: string;
  currency: string;
  grossValue: number;
  netValue: number;
  taxValue: number;
  taxRateCode: string;
  consumedUtc: string;
}

export type PaymentRequestState = 'Pending' | 'Completed' | 'Canceled' | 'Expired';

/** A Connector API `PaymentRequest`, exactly as answered. */
export interface MewsPaymentRequest {
  Id: string;
  EnterpriseId: string;
  AccountId: string;
  CustomerId: string | null;
  ReservationGroupId: string | null;
  ReservationId: string | null;
  State: PaymentRequestState;
  Amount: MewsAmount;
  Type: 'Payment' | 'Preauthorization';
  Reason: string;
  ExpirationUtc: string;
  Description: string;
  Notes: string | null;
  CreatedUtc: string;
  UpdatedUtc: string;
}

export interface PaymentRequestRecord {
  request: MewsPaymentRequest;
  /** `SendPaymentRequestEmails` of the call that created it (default true). */
  sentEmail: boolean;
  /** The requested value (positive). */
  value: number;
  /** `BillId` given at creation (not part of the answer). */
  billId: string | null;
}

export type PreauthorizationState =
  'Chargeable' | 'Expired' | 'Cancelled' | 'Charged' | 'Pending' | 'Failed';

/** A Connector API `Preauthorization` (a card hold), exactly as answered. */
export interface MewsPreauthorization {
  Id: string;
  CreditCardId: string;
  Amount: MewsAmount;
  State: PreauthorizationState;
  ReservationId: string | null;
  Code: string | null;
  CustomerId: string;
  IsActive: boolean;
}

export interface PreauthorizationRecord {
  preauthorization: MewsPreauthorization;
  enterpriseId: string;
  /** The payment request whose completion placed the hold (Mews exposes no such link). */
  paymentRequestId: string | null;
  createdUtc: string;
  updatedUtc: string;
  expiresAtMs: number;
}

/** The e-mail Mews sends a customer for a new payment request (`SendPaymentRequestEmails`). */
export interface RequestEmailRecord {
  id: string;
  paymentRequestId: string;
  enterpriseId: string;
  customerId: string;
  from: string;
  to: string | null;
  subject: string;
  /** The hosted payment-request page. */
  url: string;
  sentUtc: string;
}

/** A task Mews creates for staff, here only "payment request expired" (Mews help). */
export interface StaffTaskRecord {
  id: string;
  enterpriseId: string;
  kind: 'PaymentRequestExpired';
  paymentRequestId: string;
  accountId: string;
  title: string;
  createdUtc: string;
}

/** What the Mews Payments Checkout stand-in does where Mews documents nothing (switches). */
export interface CheckoutSettings {
  /** The checkout on a `Preauthorization` request: `silent` (observed), `error` or `completes`. */
  preauthorizationCheckout: 'silent' | 'error' | 'completes';
  /** The test capability "the guest has a card in the wallet": without it no wallet button shows. */
  walletCard: boolean;
  /** Hosts whose Apple Pay domain activation Mews "has configured". */
  applePayDomains: string[];
  /** The property asked Mews to force 3-D Secure on payment-request payments. */
  threeDsByDefault: boolean;
  /** An unanswered 3-D Secure challenge is abandoned after this many seconds. */
  challengeTimeoutSeconds: number;
  /** A hold placed through a payment request expires after this many days (sandbox clock). */
  holdLifetimeDays: number;
}

export const DEFAULT_CHECKOUT_SETTINGS: Readonly<CheckoutSettings> = {
  preauthorizationCheckout: 'silent',
  walletCard: false,
  applePayDomains: ['localhost', '127.0.0.1'],
  threeDsByDefault: false,
  challengeTimeoutSeconds: 300,
  holdLifetimeDays: 7,
};

/** A 3-D Secure challenge shown in the checkout frame, waiting for the guest's answer. */
export interface CheckoutChallenge {
  id: string;
  paymentRequestId: string;
  maskedCard: string;
  brand: BrandCode;
  expiration: string;
  /** What the charge does after a passed challenge. */
  outcome: CardOutcome;
  createdAtMs: number;
  expiresAtMs: number;
}

export interface SandboxState {
  version: number;
  clockOffsetMs: number;
  customerNumberSeq: number;
  customers: MewsObject[];
  creditCards: CreditCardRecord[];
  payments: PaymentRecord[];
  vault: VaultEntry[];
  reservations: MewsObject[];
  bills: MewsObject[];
  revenueItems: RevenueItem[];
  accountingCategories: MewsObject[];
  paymentRequests: PaymentRequestRecord[];
  preauthorizations: PreauthorizationRecord[];
  requestEmails: RequestEmailRecord[];
  tasks: StaffTaskRecord[];
  checkoutChallenges: CheckoutChallenge[];
  checkoutSettings: CheckoutSettings;
}

/**
 * How long a change may wait before it is written. Writing the whole state on every change made
 * the sandbox's own CPU, not its configured latency, the limit of load tests once it held a few
 * thousand payments; changes within this window are written together.
 */
const WRITE_DELAY_MS = 50;

export class SandboxStore {
  state: SandboxState;
  private readonly file: string | null;
  private pendingWrite: NodeJS.Timeout | null = null;

  /** `dataDir: null` keeps the state in memory only. */
  constructor(dataDir: string | null) {
    this.file = dataDir === null ? null : path.join(dataDir, 'state.json');
    if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
    this.state = this.load() ?? buildSeedState();
    this.flush();
  }

  /** Sandbox time: wall-clock time plus whatever tests advanced it by. */
  nowMs(): number {
    return Date.now() + this.state.clockOffsetMs;
  }

  nowUtc(): string {
    return toUtc(this.nowMs());
  }

  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
    this.save();
  }

  reset(): void {
    this.state = buildSeedState();
    this.save();
  }

  /** Schedules a write of the state; `flush()` (called on close) writes at once. */
  save(): void {
    if (this.file === null || this.pendingWrite !== null) return;
    this.pendingWrite = setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  flush(): void {
    if (this.pendingWrite !== null) {
      clearTimeout(this.pendingWrite);
      this.pendingWrite = null;
    }
    if (this.file === null) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.file);
  }

  private load(): SandboxState | null {
    if (this.file === null || !existsSync(this.file)) return null;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as SandboxState;
      // A state file from an older sandbox version is replaced by the seed rather than migrated.
      return parsed.version === STATE_VERSION ? parsed : null;
    } catch {
      return null;
    }
  }
}

/** Mews' date-time form: ISO 8601 UTC without fractional seconds. */
export function toUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
