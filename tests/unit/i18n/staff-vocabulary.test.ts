import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  auditEvents,
  paymentAttemptState,
  paymentLinks,
  paymentLinkState,
  paymentMethod,
} from '@/lib/db/schema';
import { getStaffVocabulary, humanize, type StaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import { LOCALES } from '@/lib/i18n/locales';
import { mapPaymentState } from '@/lib/mews/mappers';
import type { PaymentMethod as MewsPaymentMethod } from '@/lib/mews/types';
import { SPEC_PATH } from '@/lib/mews/spec/prune-spec';
import { METHOD_LABEL, PAYMENT_METHODS } from '@/lib/payments/back-office/filters';
import {
  ATTEMPT_STATE_LABEL,
  ATTEMPT_STATES,
  LINK_STATE_LABEL,
} from '@/lib/payments/ledger/state-machine';
import { CARD_BRANDS } from '@/lib/payments/staff/schemas';

/**
 * The back office says every code the system keeps in words a hotel uses, in each of its five
 * languages. The codes come from the code and the Mews spec themselves (enums, the audit calls in
 * lib/), so a state, a method, an external type or an audit action added later without words
 * fails here instead of showing "WireTransfer" or `payment.card.succeeded` to a clerk.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
  components: { schemas: Record<string, { enum?: string[] }> };
};
function specEnum(name: string): string[] {
  const values = spec.components.schemas[name]?.enum;
  if (!values?.length) throw new Error(`The Mews spec has no enum ${name}`);
  return values;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const LIB_SOURCES = sourceFiles(path.join(ROOT, 'lib')).map((file) => ({
  file: path.relative(ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

/** Every audit action lib/ records: literal `action: '…'`, `…_ACTION = '…'` constants, and the ledger's templates. */
function recordedAuditActions(): string[] {
  const actions = new Set<string>();
  for (const { file, text } of LIB_SOURCES) {
    // Only files that write the audit trail; `action:` also names rate-limit buckets and verdicts.
    if (!/\baudit(EventOf)?\(/.test(text)) continue;
    for (const match of text.matchAll(/\baction:\s*'([a-z_.]+)'/g)) actions.add(match[1]!);
    for (const match of text.matchAll(/\baction:\s*`([^`]+)`/g)) {
      const template = match[1]!;
      // payment.${attempt.method}.${state}: one per payment method and attempt state, and release.
      expect(template, `${file}: an audit action template the vocabulary knows`).toMatch(
        /^payment\.\$\{\w+\.method\}\.(\$\{[\w.]+\}|[a-z_]+)$/,
      );
      const event = template.replace(/^payment\.\$\{\w+\.method\}\./, '');
      const events = event.startsWith('${') ? [...ATTEMPT_STATES] : [event];
      for (const method of paymentMethod.enumValues)
        for (const e of events) actions.add(`payment.${method}.${e}`);
    }
  }
  for (const { text } of LIB_SOURCES)
    for (const match of text.matchAll(/_ACTION\s*=\s*'([a-z_.]+)'/g)) actions.add(match[1]!);
  return [...actions].sort();
}

const AUDIT_ACTIONS = recordedAuditActions();

/** How Mews records a payment (lib/mews/types PaymentMethod): the compiler keeps this list whole. */
const MEWS_METHODS: Record<MewsPaymentMethod, true> = {
  'credit-card': true,
  alternative: true,
  external: true,
  cash: true,
  invoice: true,
  ghost: true,
  'tax-deducted': true,
  other: true,
  unknown: true,
};

/** Each code-to-word table of the vocabulary, with the codes it must cover. */
type Table = [
  name: string,
  /** The messages' group under staffVocabulary that must hold a word per code; null: composed. */
  group: string | null,
  codes: readonly string[],
  word: (v: StaffVocabulary, code: string) => string,
];

const TABLES: Table[] = [
  ['attempt states', 'attemptState', paymentAttemptState.enumValues, (v, c) => v.attemptState(c)],
  [
    'refund states',
    'refundState',
    paymentAttemptState.enumValues,
    (v, c) => v.attemptState(c, 'refund'),
  ],
  ['link states', 'linkState', paymentLinkState.enumValues, (v, c) => v.linkState(c)],
  ['payment methods', 'method', paymentMethod.enumValues, (v, c) => v.method(c)],
  [
    'Mews payment states',
    'mewsState',
    specEnum('PaymentStateEnum').map((state) => mapPaymentState(state)),
    (v, c) => v.state(c),
  ],
  ['Mews payment methods', 'mewsMethod', Object.keys(MEWS_METHODS), (v, c) => v.mewsMethod(c)],
  [
    'card brands',
    'cardBrand',
    [...new Set([...specEnum('CreditCardType'), ...CARD_BRANDS])],
    (v, c) => v.cardBrand(c),
  ],
  [
    'external payment types',
    'externalType',
    specEnum('ExternalPaymentTypeEnum'),
    (v, c) => v.externalType(c),
  ],
  ['link purposes', 'linkPurpose', paymentLinks.purpose.enumValues, (v, c) => v.linkPurpose(c)],
  [
    'link cancel reasons',
    'linkCanceledReason',
    paymentLinks.canceledReason.enumValues,
    (v, c) => v.linkCanceledReason(c),
  ],
  ['audit outcomes', 'auditOutcome', auditEvents.outcome.enumValues, (v, c) => v.auditOutcome(c)],
  ['audit actions', null, AUDIT_ACTIONS, (v, c) => v.auditAction(c)],
];

type Tree = { [key: string]: string | Tree };
function vocabularyMessages(locale: string): Tree {
  const file = path.join(ROOT, `lib/i18n/messages/${locale}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { staffVocabulary: Tree }).staffVocabulary;
}

/** Brand names whose own spelling is one word with a capital inside. */
const TRADE_NAMES = new Set(['PayPal', 'UnionPay', 'RuPay', 'PostFinance']);

/** A word that is still a code: snake_case, kebab-case, dotted, or a CamelCase enum value. */
function looksLikeACode(label: string, code: string): boolean {
  if (/[_.]/.test(label.replace(/…/g, ''))) return true;
  if (/^[a-z]+(-[a-z]+)+$/.test(label)) return true;
  return label === code && /[a-z][A-Z]/.test(code) && !TRADE_NAMES.has(code);
}

describe('the codes the vocabulary covers', () => {
  it('include every audit action lib/ records, the ledger’s per-method ones among them', () => {
    expect(AUDIT_ACTIONS).toEqual(
      expect.arrayContaining([
        'payment.card.succeeded',
        'payment.refund.succeeded',
        'payment.stored_card.release',
        'payment_link.created',
        'staff.sign_in',
        'staff.sign_in_locked',
      ]),
    );
  });

  it('include every payment method and state the staff filters offer', () => {
    expect([...PAYMENT_METHODS].sort()).toEqual([...paymentMethod.enumValues].sort());
    expect([...ATTEMPT_STATES].sort()).toEqual([...paymentAttemptState.enumValues].sort());
  });
});

describe.each(LOCALES)('the back office vocabulary in %s', (locale) => {
  it.each(TABLES)('has its own word for every one of the %s', async (_name, group, codes, word) => {
    const vocabulary = await getStaffVocabulary(locale);
    const words = group ? (vocabularyMessages(locale)[group] as Tree | undefined) : undefined;
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      const label = word(vocabulary, code);
      expect(label, `${locale} ${code}`).toBeTruthy();
      expect(looksLikeACode(label, code), `${locale} ${code} → “${label}”`).toBe(false);
      // A word of the messages, not the humanised fallback for a code nobody gave words to.
      if (words) expect(words[code], `${locale} ${group}.${code}`).toBe(label);
    }
  });

  it('says every audit action from words of its own, never the dotted code', async () => {
    const vocabulary = await getStaffVocabulary(locale);
    const words = vocabularyMessages(locale);
    const has = (tree: Tree, keys: string[]) =>
      typeof keys.reduce<Tree | string | undefined>(
        (node, key) => (typeof node === 'object' ? node[key] : undefined),
        tree,
      ) === 'string';
    for (const action of AUDIT_ACTIONS) {
      const label = vocabulary.auditAction(action);
      expect(label, action).not.toBe(action);
      expect(label, action).not.toMatch(/[{}]/);
      const [kind, method, event] = action.split('.') as [string, string, string];
      const own = has(words, ['auditAction', ...action.split('.')]);
      const composed =
        kind === 'payment' &&
        (method === 'refund'
          ? has(words, ['auditRefund', event])
          : has(words, ['auditPaymentSubject', method]) && has(words, ['auditPayment', event]));
      expect(own || composed, `${locale} has words for ${action}`).toBe(true);
    }
  });

  it('uses one word per state: a paid payment and a paid link read the same', async () => {
    const vocabulary = await getStaffVocabulary(locale);
    expect(vocabulary.attemptState('succeeded')).toBe(vocabulary.linkState('paid'));
    expect(vocabulary.state('charged')).toBe(vocabulary.attemptState('succeeded'));
    expect(vocabulary.attemptState('succeeded', 'refund')).not.toBe(
      vocabulary.attemptState('succeeded'),
    );
  });
});

describe('the English vocabulary', () => {
  it('says the words of the issue in a hotel’s words', async () => {
    const en = await getStaffVocabulary('en');
    expect(en.externalType('WireTransfer')).toBe('Bank transfer');
    expect(en.externalType('Bacs')).toBe('BACS');
    expect(en.externalType('Unspecified')).toBe('Other (unspecified)');
    expect(en.cardBrand('DinersClub')).toBe('Diners Club');
    expect(en.cardBrand('Jcb')).toBe('JCB');
    expect(en.cardBrand('Amex')).toBe('American Express');
    expect(en.cardBrand(null)).toBe('Card');
    expect(en.mewsMethod('credit-card')).toBe('Card');
    expect(en.attemptState('succeeded')).toBe('Paid');
    expect(en.attemptState('succeeded', 'refund')).toBe('Refunded');
    expect(en.state('charged')).toBe('Paid');
    expect(en.auditAction('payment.card.succeeded')).toBe('Card payment taken');
    expect(en.auditAction('payment.refund.succeeded')).toBe('Refund made');
    expect(en.auditAction('payment_link.created')).toBe('Payment link created');
    expect(en.linkPurpose('deposit')).toBe('Deposit');
  });

  it('never says “Succeeded” or “Charged”', () => {
    const messages = JSON.parse(
      readFileSync(path.join(ROOT, 'lib/i18n/messages/en.json'), 'utf8'),
    ) as { staffVocabulary: unknown };
    const text = JSON.stringify(messages.staffVocabulary);
    expect(text).not.toMatch(/Succeeded|Charged/);
  });

  it('is the same as the English labels the server uses for CSV and logs', async () => {
    const en = await getStaffVocabulary('en');
    for (const state of ATTEMPT_STATES)
      expect(en.attemptState(state)).toBe(ATTEMPT_STATE_LABEL[state]);
    for (const state of paymentLinkState.enumValues)
      expect(en.linkState(state)).toBe(LINK_STATE_LABEL[state]);
    for (const method of PAYMENT_METHODS) expect(en.method(method)).toBe(METHOD_LABEL[method]);
  });

  it('shows a code it has no word for humanised, never raw', async () => {
    const en = await getStaffVocabulary('en');
    expect(en.externalType('SomeNewType')).toBe('Some new type');
    expect(en.cardBrand('NewBrand')).toBe('New brand');
    expect(en.attemptState('on_hold')).toBe('On hold');
    expect(en.auditAction('payment_link.restored')).toBe('Payment link restored');
    expect(en.auditAction('payment.card.on_hold')).toBe('Payment card on hold');
    expect(en.method('bank-app')).toBe('Bank app');
    expect(en.externalType('a.b{c}')).toBe('A b{c}');
  });

  it('falls back to English for a language it does not have', async () => {
    expect((await getStaffVocabulary('xx')).attemptState('succeeded')).toBe('Paid');
  });
});

describe('humanize', () => {
  it('spells codes as words and keeps acronyms', () => {
    expect(humanize('WireTransfer')).toBe('Wire transfer');
    expect(humanize('payment.card.succeeded')).toBe('Payment card succeeded');
    expect(humanize('credit-card')).toBe('Credit card');
    expect(humanize('SEPADirectDebit')).toBe('SEPA direct debit');
    expect(humanize('')).toBe('–');
  });
});
