/**
 * Card data in text people type (lib/validation/text.ts) and in what is logged (lib/log/redact.ts),
 * property-based: a Luhn-valid card number in any notation (any 1–3 characters other than letters
 * and digits between its digits, unicode included) and a security code after its name are refused
 * by every guard and never survive the log redactor; ordinary hotel text is never refused. The
 * Mews client's last line of defence refuses the same and sends nothing.
 *
 * The oracle for "no card number survives" is written here, independently of the implementation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_NUMBER_MASK, CVV_MASK, maskCardData, redactSensitive } from '@/lib/log/redact';
import { MewsRequestError } from '@/lib/mews/errors';
import { customerSearchSchema } from '@/lib/payments/back-office/filters';
import { paymentLinkInputSchema } from '@/lib/payments/links/payment-links';
import { staffPaymentLinkSchema } from '@/lib/payments/links/schemas';
import {
  externalPaymentSchema,
  refundSchema,
  terminalCardPaymentSchema,
} from '@/lib/payments/staff/schemas';
import {
  CARD_DATA_REFUSED,
  CARD_NUMBER_REFUSED,
  containsCardData,
  freeText,
  isObfuscatedCardNumber,
  looksLikeCardNumber,
  looksLikeCvv,
  optionalFreeText,
} from '@/lib/validation/text';
import { IDS, wireConfiguration } from '../mews/fixtures';
import { jsonResponse, testClient } from '../mews/support';

const RUNS = Number(process.env.CARD_DATA_RUNS) || 300;

// ---- An independent oracle ------------------------------------------------------------------------

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Appends the Luhn check digit. */
function withCheckDigit(body: string): string {
  for (let check = 0; check <= 9; check++) {
    if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  }
  throw new Error('unreachable');
}

/**
 * Every 13–19 digit sequence starting with 1–9 that passes Luhn, read in any notation: ASCII digits
 * with at most 3 characters other than letters and digits between consecutive ones. A UUID is an
 * id, not digits (the redactor keeps ids readable).
 */
function luhnNumbersIn(text: string): string[] {
  const found: string[] = [];
  const withoutIds = text.replace(
    /(?<![\p{L}\p{N}])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}])/giu,
    'uuid',
  );
  for (const [run] of withoutIds.matchAll(/\d(?:[^\p{L}\p{N}]{0,3}\d)*/gu)) {
    const digits = run.replace(/\D/g, '');
    for (let start = 0; start < digits.length; start++) {
      if (digits[start] === '0') continue;
      for (let length = 13; length <= 19 && start + length <= digits.length; length++) {
        const window = digits.slice(start, start + length);
        if (luhnValid(window)) found.push(window);
      }
    }
  }
  return found;
}

// ---- Arbitraries --------------------------------------------------------------------------------

/** A Luhn-valid card number of 13 to 19 digits (never starting with 0, as no card number does). */
const pan = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 13, max: 19 }))
  .chain(([first, length]) =>
    fc
      .string({
        unit: fc.constantFrom(...'0123456789'),
        minLength: length - 2,
        maxLength: length - 2,
      })
      .map((middle) => withCheckDigit(`${first}${middle}`)),
  );

/** Characters other than letters and digits that people (or a paste) put between digits. */
const SEPARATOR_CHARACTERS = [
  ' ',
  '.',
  '_',
  '/',
  '\\',
  '-',
  ',',
  '+',
  '\t',
  '\n',
  '\r',
  '*',
  '#',
  ':',
  ';',
  '|',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '~',
  '=',
  "'",
  '"',
  '`',
  '^',
  '!',
  '?',
  '@',
  '$',
  '%',
  '&',
  '\u00a0', // no-break space
  '\u2007',
  '\u2009',
  '\u202f',
  '\u3000', // figure, thin, narrow no-break, ideographic spaces
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\ufe63',
  '\uff0d', // dashes, minus
  '\u00b7',
  '\u2022',
  '\u2027',
  '\u2026',
  '\u2044',
  '\uff0f',
  '\uff0e',
  '\u3001',
  '\u3002',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff', // zero-width
  '\ufe0f',
  '\u20e3',
  '\u0301', // variation selector, keycap, combining accent
  '😀',
  '🏨',
  '💳',
  '€',
  '£',
];
const anyNonAlphanumeric = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code))
  .filter((char) => !/[\p{L}\p{N}]/u.test(char));
const separatorCharacter = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATOR_CHARACTERS) },
  { weight: 1, arbitrary: anyNonAlphanumeric },
);
/** 1 to 3 characters, none a letter or a digit. */
const separator = fc
  .array(separatorCharacter, { minLength: 1, maxLength: 3 })
  .map((chars) => chars.join(''));

/** A card number in any notation: between any two digits nothing, or a separator. */
const panInAnyNotation = pan.chain((number) =>
  fc
    .array(fc.option(separator, { nil: '', freq: 2 }), {
      minLength: number.length - 1,
      maxLength: number.length - 1,
    })
    .map((gaps) => ({
      pan: number,
      text: number
        .split('')
        .map((digit, i) => `${digit}${gaps[i] ?? ''}`)
        .join(''),
    })),
);

const WORDS = [
  'Guest',
  'paid',
  'card',
  'note',
  'ref',
  'order',
  'Room',
  'deposit',
  'thanks',
  'please',
  'refund',
  'zimmer',
  'reçu',
  'café',
  '予約',
];
/** Words around: letters only, so nothing joins the number but what is asked. */
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((list) => list.join(' '));

const CVV_NAMES = [
  'cvv',
  'cvc',
  'csc',
  'cid',
  'cvn',
  'cvv2',
  'cvc2',
  'security code',
  'card verification value',
  'card verification code',
];
const CVV_JOINS = [
  '',
  ' ',
  ': ',
  ':',
  '=',
  '# ',
  ' - ',
  ' is ',
  ' number ',
  ' number: ',
  ' code ',
  ' no. ',
  ' (',
  ' is: ',
];
/** A security code after its name, in any case: `CVV: 123`, `security code is 0123`. */
const cvvPhrase = fc
  .tuple(
    fc.constantFrom(...CVV_NAMES),
    fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
    fc.constantFrom(...CVV_JOINS),
    fc.stringMatching(/^\d{3,4}$/),
  )
  .map(([name, upper, join, code]) => ({
    code,
    text: `${name
      .split('')
      .map((char, i) => (upper[i] ? char.toUpperCase() : char))
      .join('')}${join}${code}`,
  }));

// Ordinary hotel text.
const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const pick = <T>(...values: T[]) => fc.constantFrom(...values);

const reservationNumber = fc.oneof(
  digits(4, 10),
  fc
    .tuple(pick('R', 'RES', 'BK', 'MEWS'), pick('-', '', ' ', '/'), digits(4, 10))
    .map((p) => p.join('')),
);
/** International (a +, at most 15 digits) or national (at most 12 digits), however grouped. */
const phoneNumber = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 999 }),
      fc.array(digits(1, 4), { minLength: 1, maxLength: 4 }),
      pick(' ', '-', '.', ' / '),
    )
    .filter(([cc, groups]) => String(cc).length + groups.join('').length <= 15)
    .map(([cc, groups, sep]) => `+${cc} ${groups.join(sep)}`),
  fc
    .tuple(fc.array(digits(2, 4), { minLength: 2, maxLength: 4 }), pick(' ', '-', '.'))
    .filter(([groups]) => groups.join('').length <= 12)
    .map(([groups, sep]) => groups.join(sep)),
  pick(
    '+44 20 7946 0958',
    '+49 151 12345678',
    '+86 138 0013 8000',
    '+1 (212) 555-0123',
    '020 7946 0958',
  ),
);
const date = fc
  .tuple(
    fc.integer({ min: 1990, max: 2099 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .chain(([y, m, d]) => {
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    return pick(
      `${y}-${mm}-${dd}`,
      `${dd}.${mm}.${y}`,
      `${dd}/${mm}/${y}`,
      `${mm}/${dd}/${y}`,
      `${d}.${m}.${y}`,
    );
  });
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const stay = fc
  .tuple(date, pick(' - ', ' – ', '-', ' to ', '/'), date, fc.option(time, { nil: undefined }))
  .map(([from, join, to, at]) => `${from}${join}${to}${at ? ` ${at}` : ''}`);
/** Up to 9,999,999.99 with a currency, in English or European notation. */
const amount = fc
  .tuple(fc.integer({ min: 1, max: 999_999_999 }), pick('EUR ', '€', '£', '', 'GBP '), fc.boolean())
  .map(([cents, currency, european]) => {
    const whole = Math.floor(cents / 100).toLocaleString(european ? 'de-DE' : 'en-GB');
    const decimals = String(cents % 100).padStart(2, '0');
    return `${currency}${whole}${european ? ',' : '.'}${decimals}`;
  });
const maskedNumber = fc
  .tuple(digits(6, 6), fc.integer({ min: 2, max: 9 }), digits(4, 4), pick('*', 'x', 'X', '•'))
  .map(([first, masked, last, mask]) => `${first}${mask.repeat(masked)}${last}`);

/** A valid IBAN (mod 97), printed in groups of 4 or compact. */
const IBAN_FORMATS: Record<string, string> = {
  DE: '999999999999999999',
  GB: 'AAAA99999999999999',
  FR: '99999999999999999999999',
  ES: '99999999999999999999',
  IT: 'A9999999999999999999999',
  NL: 'AAAA9999999999',
  BE: '999999999999',
  AT: '9999999999999999',
  CH: '99999999999999999',
  PL: '999999999999999999999999',
  PT: '999999999999999999999',
};
function ibanCheckDigits(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (char) =>
    String(char.charCodeAt(0) - 55),
  );
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}
const iban = fc
  .tuple(
    pick(...Object.keys(IBAN_FORMATS)),
    fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 24, maxLength: 24 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([country, randoms, grouped, lower]) => {
    const bban = IBAN_FORMATS[country]!.split('')
      .map((kind, i) =>
        kind === '9' ? String(randoms[i]! % 10) : String.fromCharCode(65 + randoms[i]!),
      )
      .join('');
    const compact = `${country}${ibanCheckDigits(country, bban)}${bban}`;
    const printed = grouped ? (compact.match(/.{1,4}/g) ?? []).join(' ') : compact;
    return lower ? printed.toLowerCase() : printed;
  });
const notALuhnNumber = (number: string) => number[0] === '0' || !luhnValid(number);
/** 13–19 digits in a row, or 13–16 in groups of 4 (a booking reference), that fail Luhn. */
const nonLuhnReference = fc.oneof(
  digits(13, 19).filter(notALuhnNumber),
  fc
    .tuple(digits(13, 16).filter(notALuhnNumber), pick(' ', '-', '.'))
    .map(([number, sep]) => (number.match(/.{1,4}/g) ?? []).join(sep)),
);
const ordinaryItem = fc.oneof(
  reservationNumber,
  phoneNumber,
  date,
  stay,
  amount,
  maskedNumber,
  fc.uuid(),
  iban,
  digits(1, 12),
  nonLuhnReference,
  fc
    .tuple(pick('door code', 'room', 'table', 'CV', 'code', 'pin'), digits(3, 4))
    .map((p) => p.join(' ')),
);
const JOINING_WORDS = [
  ' for ',
  ' and ',
  ', ref ',
  ' paid ',
  ' on ',
  ' — call ',
  '; guest ',
  '\nnote: ',
];
/** 1–3 ordinary items with words between them, as staff write notes and descriptions. */
const ordinaryText = fc
  .tuple(
    fc.array(ordinaryItem, { minLength: 1, maxLength: 3 }),
    fc.array(pick(...JOINING_WORDS), { minLength: 3, maxLength: 3 }),
    words,
  )
  .map(([items, joins, lead]) =>
    `${lead} ${items.map((item, i) => (i === 0 ? item : `${joins[i]}${item}`)).join('')}`.trim(),
  );

// ---- The guards -------------------------------------------------------------------------------------

function refusesAsCardData(
  schema: {
    safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } };
  },
  value: unknown,
) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => issue.message).join('\n')).toContain(
    CARD_DATA_REFUSED,
  );
}

describe('a card number in any notation is card data', () => {
  it('the examples of the brief, and the message', () => {
    for (const text of [
      '4242.4242.4242.4242',
      '4242_4242_4242_4242',
      '4242/4242/4242/4242',
      '4242 4242 4242 4242',
      '4242-4242-4242-4242',
      '4242,4242,4242,4242',
      '4242+4242+4242+4242',
      '4242\t4242\t4242\t4242',
      '4242\u00a04242\u00a04242\u00a04242',
      '4242\u20134242\u20144242\u22124242',
      '4242 / 4242 / 4242 / 4242',
      '4\u200b2\u200b4\u200b2\u200b4242424242424242'.slice(0, 24),
      '４２４２４２４２４２４２４２４２',
      'order 1234 4242424242424242',
      'order 12344242424242424242',
      'Amex 3782-822463-10005 exp 12/30',
      'Card: 5404 0000 0000 0001, thanks',
    ]) {
      expect(looksLikeCardNumber(text), text).toBe(true);
      expect(containsCardData(text), text).toBe(true);
    }
    expect(CARD_DATA_REFUSED).toMatch(
      /^This looks like card data \(a full card number or a security code\)\. Never type card details here/,
    );
    expect(CARD_NUMBER_REFUSED).toBe(CARD_DATA_REFUSED);
  });

  it('any Luhn-valid 13–19 digit number, any 1–3 separators between any digits, among words: refused by every guard', () => {
    const notes = freeText(500, 'Notes');
    const optionalNotes = optionalFreeText(500, 'Notes');
    fc.assert(
      fc.property(panInAnyNotation, words, words, ({ text: number }, before, after) => {
        const text = `${before} ${number} ${after}`;
        expect(looksLikeCardNumber(text)).toBe(true);
        expect(containsCardData(text)).toBe(true);
        refusesAsCardData(notes, text);
        refusesAsCardData(optionalNotes, text);
        refusesAsCardData(customerSearchSchema, { query: text });
        // The masked-number field of the terminal form refuses it as card data too.
        if (number.length <= 40)
          refusesAsCardData(terminalCardPaymentSchema.shape.obfuscatedNumber, number);
      }),
      { numRuns: RUNS },
    );
  });

  it('inside a longer run of digits: after another number, or glued into 20+ digits in a row', () => {
    fc.assert(
      fc.property(panInAnyNotation, digits(1, 8), separator, ({ text: number }, other, sep) => {
        expect(looksLikeCardNumber(`order ${other}${sep}${number}`)).toBe(true);
        expect(looksLikeCardNumber(`${number}${sep}${other} x`)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(pan, digits(1, 8), (number, other) => {
        const glued = other.padStart(Math.max(other.length, 20 - number.length), '7');
        expect(looksLikeCardNumber(`ref ${glued}${number}`)).toBe(true);
        expect(looksLikeCardNumber(`ref ${number}${glued}`)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a security code after its name is card data', () => {
  it('examples', () => {
    for (const text of [
      'cvv 123',
      'CVV: 123',
      'cvc2 0123',
      'CSC=1234',
      'security code is 123',
      'my CVV number is 4321.',
      'cid 1234',
      'Card verification value: 123',
      '4242/4242/4242/4242 cvv 123',
    ]) {
      expect(looksLikeCvv(text), text).toBe(true);
      expect(containsCardData(text), text).toBe(true);
    }
    for (const text of [
      'cvv',
      'CVV check failed',
      'cvv 12',
      'cvv 12345',
      'door code 1234',
      'room 123',
      'acid 123',
      'CVV2 was not given',
    ]) {
      expect(looksLikeCvv(text), text).toBe(false);
    }
  });

  it('any name, any case, any join, 3 or 4 digits, among words: refused by every guard', () => {
    const notes = freeText(500, 'Notes');
    fc.assert(
      fc.property(cvvPhrase, words, words, ({ text: phrase }, before, after) => {
        const text = `${before} ${phrase} ${after}`;
        expect(looksLikeCvv(text)).toBe(true);
        expect(containsCardData(text)).toBe(true);
        refusesAsCardData(notes, text);
        refusesAsCardData(customerSearchSchema, { query: text });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ordinary hotel text is not card data', () => {
  it('the corpus', () => {
    for (const text of [
      'Reservation 48213, 2 adults',
      'R-2026-004512',
      '+44 20 7946 0958',
      '+49 151 12345678',
      '+86 138 0013 8000',
      '2026-12-02',
      'Stay 02.12.2026 – 05.12.2026, arrival 14:00',
      '2026-12-02 14:00:00',
      '1,250.00',
      'EUR 1.250,00 and 125.50',
      'GB82 WEST 1234 5698 7654 32',
      'DE89 3704 0044 0532 0130 00',
      'ref NL91ABNA0417164300',
      '411111******1111',
      '4111 11** **** 1111',
      '424242xxxxxx4242',
      '3c1e2a90-0001-4c5e-8a1b-000000000001',
      '00000000-0000-0000-0000-000000000000',
      '12345678-1234-4234-8234-123456789012',
      '123456789012',
      'Booking reference 1234 5678 9012 3456',
      '1234567890123456',
      '0000 0000 0000 0000',
      'Door code 1234, safe 0000',
      'Transaction 260115093000123456 failed? no',
    ]) {
      expect(containsCardData(text), text).toBe(false);
      expect(freeText(500, 'Notes').safeParse(text).success, text).toBe(true);
    }
  });

  it('reservation numbers, phones, dates, stays, amounts, masked numbers, UUIDs, IBANs, non-Luhn references, with words between', () => {
    const notes = freeText(500, 'Notes');
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(containsCardData(text)).toBe(false);
        expect(notes.safeParse(text).success).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('a masked terminal number is accepted by the terminal form', () => {
    fc.assert(
      fc.property(maskedNumber, (number) => {
        expect(isObfuscatedCardNumber(number)).toBe(true);
        expect(terminalCardPaymentSchema.shape.obfuscatedNumber.safeParse(number).success).toBe(
          true,
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the schemas that take free text all refuse card data, in the fields named in the brief', () => {
  const customerId = '3c1e2a90-0001-4c5e-8a1b-000000000001';
  const terminal = {
    idempotencyKey: 'key-0123456789abcdef',
    customerId,
    amount: '10.00',
    currency: 'GBP',
    brand: 'Visa',
    obfuscatedNumber: '411111******1111',
    expiry: '09/2029',
    holderName: 'Alice Smith',
    receiptIdentifier: 'T-000123',
    notes: 'Paid at the desk',
  };

  it('terminal notes and receipt id, external id, refund reason, link descriptions (staff form and v1 API)', () => {
    expect(terminalCardPaymentSchema.safeParse(terminal).success).toBe(true);
    refusesAsCardData(terminalCardPaymentSchema, { ...terminal, notes: '4242.4242.4242.4242' });
    refusesAsCardData(terminalCardPaymentSchema, {
      ...terminal,
      receiptIdentifier: '4242_4242_4242_4242',
    });
    refusesAsCardData(terminalCardPaymentSchema, { ...terminal, holderName: 'Alice cvv 123' });
    refusesAsCardData(externalPaymentSchema, {
      idempotencyKey: 'key-0123456789abcdef',
      customerId,
      amount: '1',
      currency: 'GBP',
      type: 'Cash',
      externalIdentifier: '4242/4242/4242/4242',
    });
    refusesAsCardData(refundSchema, {
      idempotencyKey: 'key-0123456789abcdef',
      attemptId: customerId,
      reason: 'guest gave cvc: 123',
    });
    refusesAsCardData(staffPaymentLinkSchema, {
      customerId,
      amount: '10',
      currency: 'EUR',
      description: '4242/4242/4242/4242 cvv 123',
      expiresInHours: 72,
    });
    const api = { customerId, amountMinor: 12_550, currency: 'GBP' };
    expect(
      paymentLinkInputSchema.safeParse({ ...api, description: 'Deposit 02.12.2026 – 05.12.2026' })
        .success,
    ).toBe(true);
    const refused = paymentLinkInputSchema.safeParse({
      ...api,
      description: '4242/4242/4242/4242 cvv 123',
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(`description: ${CARD_DATA_REFUSED}`);
    // Never echoed.
    expect(JSON.stringify(refused.error?.issues)).not.toMatch(/4242/);
  });
});

// ---- The log redactor -------------------------------------------------------------------------------

describe('the log redactor leaves no card data in any notation', () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 10 }),
    panInAnyNotation.map(({ text }) => text),
    pan,
    cvvPhrase.map(({ text }) => text),
    ordinaryItem,
    separator,
    digits(1, 6),
  );
  const text = fc
    .tuple(
      fc.array(piece, { minLength: 1, maxLength: 6 }),
      fc.array(pick('', ' ', '\n', ', ', 'x', ' / '), { minLength: 6, maxLength: 6 }),
    )
    .map(([pieces, joins]) => pieces.map((p, i) => `${i === 0 ? '' : joins[i]}${p}`).join(''));

  it('examples', () => {
    expect(maskCardData('pan 4242.4242.4242.4242 cvv: 123')).toBe(
      `pan ${CARD_NUMBER_MASK} ${CVV_MASK}`,
    );
    expect(maskCardData('declined: 4242_4242_4242_4242 (CVC2 0123)')).toBe(
      `declined: ${CARD_NUMBER_MASK} (${CVV_MASK})`,
    );
    expect(maskCardData('reservation 48213 on 2026-12-02 for EUR 1,250.00')).toBe(
      'reservation 48213 on 2026-12-02 for EUR 1,250.00',
    );
    expect(maskCardData('attempt 3c1e2a90-0001-4c5e-8a1b-000000000001')).toBe(
      'attempt 3c1e2a90-0001-4c5e-8a1b-000000000001',
    );
  });

  it('no Luhn-valid 13–19 digit number and no security code survives, whatever surrounds them', () => {
    fc.assert(
      fc.property(text, (input) => {
        const output = maskCardData(input);
        expect(luhnNumbersIn(output)).toEqual([]);
        expect(looksLikeCvv(output)).toBe(false);
        expect(maskCardData(output)).toBe(output);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('every string of a logged object, at any depth, error messages included', () => {
    fc.assert(
      fc.property(text, panInAnyNotation, (input, { pan: number, text: written }) => {
        const error = new Error(`charge failed for ${written}`);
        const out = redactSensitive({
          note: input,
          nested: { list: [input, written] },
          err: error,
        });
        const strings: string[] = [];
        const walk = (value: unknown) => {
          if (typeof value === 'string') strings.push(value);
          else if (value && typeof value === 'object') Object.values(value).forEach(walk);
        };
        walk(out);
        for (const string of strings) {
          expect(luhnNumbersIn(string)).toEqual([]);
          expect(looksLikeCvv(string)).toBe(false);
        }
        expect(JSON.stringify(out)).not.toContain(number);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- The Mews client ------------------------------------------------------------------------------

describe('the Mews client refuses to send card data in any free-text field', () => {
  const config = () => ({ 'configuration/get': [jsonResponse(wireConfiguration())] });

  it.each([
    [
      'recordCardPayment notes',
      (c: ReturnType<typeof testClient>['client']) =>
        c.recordCardPayment({
          customerId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          card: { brand: 'Visa', obfuscatedNumber: '411111******1111', holderName: 'Ada' },
          notes: '4242.4242.4242.4242',
        }),
    ],
    [
      'recordCardPayment receiptIdentifier',
      (c: ReturnType<typeof testClient>['client']) =>
        c.recordCardPayment({
          customerId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          card: { brand: 'Visa', obfuscatedNumber: '411111******1111', holderName: 'Ada' },
          receiptIdentifier: '4242_4242_4242_4242',
        }),
    ],
    [
      'recordCardPayment card.holderName',
      (c: ReturnType<typeof testClient>['client']) =>
        c.recordCardPayment({
          customerId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          card: { brand: 'Visa', obfuscatedNumber: '411111******1111', holderName: 'Ada cvv 123' },
        }),
    ],
    [
      'recordExternalPayment externalIdentifier',
      (c: ReturnType<typeof testClient>['client']) =>
        c.recordExternalPayment({
          accountId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          type: 'Cash',
          externalIdentifier: '4242/4242/4242/4242',
        }),
    ],
    [
      'chargeCreditCard notes',
      (c: ReturnType<typeof testClient>['client']) =>
        c.chargeCreditCard({
          creditCardId: IDS.customer,
          amount: { amountMinor: 100, currency: 'GBP' },
          attemptId: 'attempt-1',
          notes: 'CVC2: 0123',
        }),
    ],
    [
      'refundPayment reason',
      (c: ReturnType<typeof testClient>['client']) =>
        c.refundPayment({
          paymentId: IDS.payment,
          accountId: IDS.customer,
          reason: 'refund to 4242 4242 4242 4242',
        }),
    ],
  ])('%s', async (_, call) => {
    const { client, scripted } = testClient(config());
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MewsRequestError);
    expect((error as MewsRequestError).code).toBe('full-card-number');
    expect((error as Error).message).toMatch(/looks like card data/);
    expect((error as Error).message).not.toMatch(/4242|123/);
    expect(scripted.requests).toHaveLength(0);
  });
});
