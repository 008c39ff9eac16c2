import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { paymentAttemptState } from '@/lib/db/schema';
import { LOCALES as APP_LOCALES } from '@/lib/i18n/locales';
import { CARD_BRANDS as STAFF_CARD_BRANDS } from '@/lib/payments/staff/schemas';
import {
  badAmountText,
  badBoolean,
  badBoundedString,
  badCurrency,
  badEnum,
  badFreeText,
  badLiteralTrue,
  badString,
  badUuid,
  badWholeNumber,
  headerJunk,
  junkString,
  oversized,
  oversizedForUrl,
  wrongType,
} from '../support/bad-input';
import type {
  Endpoint,
  FieldSpec,
  Fields,
  RouteCall,
  RouteHandler,
} from '../support/endpoint-harness';

/**
 * Every server action and route handler of the app, with the fields it takes: a valid value for
 * each and the values it must refuse. The harness builds bad input from this table (a valid input
 * with at least one field left out or made invalid, extra fields, no object at all, malformed
 * bodies), and the card-number test puts a card number into every text field.
 *
 * To add an endpoint (e.g. the Mews webhook receiver), add one entry:
 *   { kind: 'route', name: 'POST /api/webhooks/mews/[secret]', method: 'POST', auth: 'none',
 *     path: '/api/webhooks/mews/[secret]', load: route(() => import('@/app/api/webhooks/mews/route'), 'POST'),
 *     params: { secret: { valid: () => SECRET, invalid: badString(...) } }, body: { ... } }
 */

const CARD_BRANDS = [...STAFF_CARD_BRANDS];
const LOCALES = [...APP_LOCALES];
const PAYMENT_STATES = [...paymentAttemptState.enumValues];
const PAYMENT_METHODS = ['card', 'stored_card', 'ideal', 'external', 'terminal_card', 'refund'];
const SECURE_FIELDS_TRANSACTION_ID = '260115093000123456';

// ---- Field kinds ------------------------------------------------------------------------------

const field = (
  valid: FieldSpec['valid'],
  invalid: fc.Arbitrary<unknown>,
  options: Partial<FieldSpec> = {},
): FieldSpec => ({
  valid,
  invalid,
  ...options,
});
const optional = (spec: FieldSpec): FieldSpec => ({ ...spec, required: false });
const notText = (spec: FieldSpec): FieldSpec => ({ ...spec, text: false });

const uuidField = (valid: FieldSpec['valid']) => field(valid, badUuid);
/** An e-mail address: what lib/payments/email/schemas.ts accepts, no control characters. */
const isEmailAddress = (value: string) =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && value.trim().length <= 254;
const emailAddress = field(
  () => 'guest@example.com',
  badString(isEmailAddress, [
    'plain',
    '@x.io',
    'a@',
    'a b@c.de',
    'guest@example.com\r\nBcc: all@example.com',
    `${'a'.repeat(250)}@example.com`,
  ]),
);
/** `''` or undefined mean "none" for the staff forms' optional ids. */
const optionalUuidField = (valid: FieldSpec['valid']) =>
  optional(
    field(
      valid,
      badUuid.filter((value) => value !== ''),
    ),
  );
const staffKey = field(
  () => randomUUID(),
  badString(
    (value) => /^[A-Za-z0-9_-]{16,64}$/.test(value),
    ['short', 'x'.repeat(65), 'with spaces in the key!!'],
  ),
);
const amount = field(() => '125.50', badAmountText);
const currency = field(() => 'EUR', badCurrency);
const notes = optional(field(() => 'Paid at the desk', badFreeText(500)));
const mmYy = (valid: string) =>
  field(
    () => valid,
    badString(
      (value) => /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/.test(value.trim()),
      ['13/30', '00/30', '1/30', '12/2030', '12-30'],
    ),
  );

const transactionId = badString(
  (value) => /^\d{10,24}$/.test(value),
  ['123456789', '1'.repeat(25), '12a4567890'],
);
const maskedCard = badString(
  (value) => /^\d{0,6}[x*X•]+\d{0,4}$/.test(value) && value.length <= 19,
  ['424242', 'xxxx-xxxx', '424242xxxxxxxxxxxxxxxxx4242'],
);
const tokenizedCard = field(
  () => ({
    transactionId: SECURE_FIELDS_TRANSACTION_ID,
    maskedCard: '424242xxxxxx4242',
    brand: 'VISA',
  }),
  fc.oneof(
    wrongType.filter(
      (value) => value === null || typeof value !== 'object' || Array.isArray(value),
    ),
    oversized,
    transactionId.map((id) => ({ transactionId: id, maskedCard: '424242xxxxxx4242' })),
    maskedCard.map((masked) => ({
      transactionId: SECURE_FIELDS_TRANSACTION_ID,
      maskedCard: masked,
    })),
    badBoundedString(40).map((brand) => ({ transactionId: SECURE_FIELDS_TRANSACTION_ID, brand })),
  ),
);

/** A query-string value (always a string) a filter must refuse. */
const badQuery = (accepts: (value: string) => boolean, extra: string[] = []) =>
  fc
    .oneof(oversizedForUrl, junkString, fc.constantFrom(' ', 'null', '[]', '{}', ...extra))
    .filter((value) => !accepts(value));
const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
const isDay = (value: string) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value);
const dayQuery = optional(
  field(
    () => '2026-01-15',
    fc.oneof(
      badQuery(isDay),
      fc.constantFrom(
        '2026-13-01',
        '2026-02-30',
        '2026-00-10',
        '0000-00-00',
        '9999-99-99',
        '0000-01-01',
        '9999-12-31',
        '0001-01-01',
      ),
    ),
  ),
);
const uuidQuery = optional(
  field(
    () => randomUUID(),
    badQuery((value) => value === '' || isUuid(value)),
  ),
);
const enumQuery = (values: string[]) =>
  optional(
    field(
      () => values[0],
      badQuery((value) => value === '' || values.includes(value)),
    ),
  );

// ---- Loading ----------------------------------------------------------------------------------

type ActionFn = (input: unknown) => Promise<unknown>;
const action =
  <M>(load: () => Promise<M>, name: keyof M) =>
  async () =>
    (await load())[name] as unknown as ActionFn;
const route =
  <M>(load: () => Promise<M>, method: keyof M) =>
  async () =>
    (await load())[method] as unknown as RouteHandler;

// The back office's actions live in the folder of their feature: desk payments, links, staff users.
const staffActions = async () => ({
  ...(await import('@/lib/payments/staff/actions')),
  ...(await import('@/lib/payments/links/actions')),
  ...(await import('@/lib/payments/back-office/actions')),
});
const staffSchemas = async () => ({
  ...(await import('@/lib/payments/staff/schemas')),
  ...(await import('@/lib/payments/links/schemas')),
});

const chargeBase: Fields = {
  idempotencyKey: staffKey,
  customerId: uuidField((f) => f.customerId),
  reservationId: optionalUuidField((f) => f.reservationId),
  amount,
  currency,
  notes,
  confirmed: notText(field(() => true, badLiteralTrue)),
};

// ---- Raw requests for the JSON API --------------------------------------------------------------

const VALID_LINK_BODY = JSON.stringify({
  customerId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
  amountMinor: 12_550,
  currency: 'GBP',
  description: 'Deposit',
});

const badApiRequests = (): fc.Arbitrary<RouteCall> =>
  fc.oneof(
    // Malformed JSON.
    fc
      .oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          '{',
          '{"customerId":}',
          "{'a':1}",
          '{"a":1,}',
          'undefined',
          'NaN',
          '\uFEFF{}',
          VALID_LINK_BODY.slice(0, 40),
        ),
      )
      .filter((text) => {
        try {
          const parsed: unknown = JSON.parse(text);
          return parsed === null || typeof parsed !== 'object';
        } catch {
          return true;
        }
      })
      .map((body) => ({ body })),
    // Valid JSON that is not an object.
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((value) => value === null || typeof value !== 'object' || Array.isArray(value))
      .map((value) => ({ body: JSON.stringify(value) })),
    // A valid link in the wrong content type.
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/jsonx',
        'text/json',
      )
      .map((type) => ({ body: VALID_LINK_BODY, headers: { 'content-type': type } })),
    // Too large: 1 MB, with and without an honest Content-Length.
    fc.constantFrom(
      { body: JSON.stringify({ description: 'x'.repeat(1024 * 1024) }) },
      {
        body: JSON.stringify({ description: 'x'.repeat(1024 * 1024) }),
        headers: { 'content-length': String(1024 * 1024 + 18) },
      },
      { body: `[${'1,'.repeat(200_000)}1]` },
    ),
    // Not UTF-8, empty.
    fc.constantFrom<RouteCall>(
      { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
      { body: '' },
      { body: '   ' },
    ),
    // No or a wrong API key (with a valid body).
    fc
      .constantFrom<Record<string, string>>(
        {},
        { authorization: 'Bearer' },
        { authorization: 'Bearer mck_' },
        { authorization: `Bearer mck_${'a'.repeat(43)}` },
        { authorization: 'Basic dXNlcjpwYXNz' },
        { authorization: `Bearer ${'x'.repeat(100_000)}` },
      )
      .map((headers) => ({ body: VALID_LINK_BODY, headers, anonymous: true })),
  );

const badApiKeyHeaders = (): fc.Arbitrary<RouteCall> =>
  fc
    .oneof(
      fc.constantFrom('', 'Bearer', 'Bearer mck_', `Bearer mck_${'b'.repeat(43)}`, 'Token abc'),
      headerJunk.map((text) => `Bearer ${text}`),
    )
    .map((authorization): RouteCall => ({
      headers: authorization ? { authorization } : {},
      anonymous: true,
    }));

// ---- The table --------------------------------------------------------------------------------

export const ENDPOINTS: Endpoint[] = [
  // Guest server actions (lib/payments/guest-actions.ts): anonymous, the link token is the authority.
  {
    kind: 'action',
    name: 'submitCardPaymentAction',
    session: 'none',
    answers: 'action-result',
    load: action(() => import('@/lib/payments/guest/actions'), 'submitCardPaymentAction'),
    schema: async () => (await import('@/lib/payments/guest/schemas')).guestCardPaymentSchema,
    fields: {
      token: field((f) => f.link.token, fc.oneof(wrongType, oversized, junkString)),
      idempotencyKey: uuidField(() => randomUUID()),
      card: tokenizedCard,
      cardholderName: field(
        () => 'Bob Jansen',
        fc.oneof(
          wrongType,
          oversized,
          fc.constantFrom('', '  ', 'B', 'x'.repeat(101), 'Bo\u0000b'),
        ),
      ),
      expiry: mmYy('12/30'),
    },
  },
  {
    kind: 'action',
    name: 'startIdealPaymentAction',
    session: 'none',
    answers: 'action-result',
    load: action(() => import('@/lib/payments/guest/actions'), 'startIdealPaymentAction'),
    schema: async () => (await import('@/lib/payments/guest/schemas')).guestIdealPaymentSchema,
    fields: {
      token: field((f) => f.link.token, fc.oneof(wrongType, oversized, junkString)),
      idempotencyKey: uuidField(() => randomUUID()),
    },
  },
  // "E-mail me a receipt" on the receipt page (lib/payments/email/guest-actions.ts).
  {
    kind: 'action',
    name: 'requestReceiptEmailAction',
    session: 'none',
    answers: 'action-result',
    load: action(() => import('@/lib/payments/email/guest-actions'), 'requestReceiptEmailAction'),
    schema: async () => (await import('@/lib/payments/email/schemas')).receiptRequestSchema,
    fields: {
      token: field((f) => f.link.token, fc.oneof(wrongType, oversized, junkString)),
      email: emailAddress,
    },
  },
  // The guest pages' language picker (lib/i18n/actions.ts): a plain form action.
  {
    kind: 'action',
    name: 'chooseGuestLocaleAction',
    session: 'none',
    answers: 'void',
    formData: true,
    load: action(() => import('@/lib/i18n/actions'), 'chooseGuestLocaleAction'),
    fields: { locale: field(() => 'de', badEnum(LOCALES)) },
  },
  // Staff sign-in (lib/auth/actions.ts).
  {
    kind: 'action',
    name: 'signInWithPasswordAction',
    session: 'none',
    answers: 'sign-in',
    // Bad input is never recorded. A well-formed sign-in with a card number as the password (or
    // in an email address) is a wrong sign-in: counted for throttling and audited, the email
    // masked by verifyStaffCredentials; the scan checks no card number is in those rows.
    mayGrowWithCardNumber: ['sign_in_attempts', 'audit_events'],
    load: action(() => import('@/lib/auth/actions'), 'signInWithPasswordAction'),
    schema: async () => (await import('@/lib/auth/sign-in-schema')).signInSchema,
    fields: {
      email: field(
        (f) => f.frontDesk.email,
        badString(
          (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && value.trim().length <= 254,
          ['plain', '@x.io', 'a@', 'a b@c.de'],
        ),
      ),
      password: field(
        () => 'not the right password',
        fc.oneof(wrongType, oversized, fc.constantFrom('', 'x'.repeat(513))),
      ),
    },
  },
  {
    kind: 'action',
    name: 'signInWithSsoAction',
    session: 'none',
    answers: 'redirect',
    load: action(() => import('@/lib/auth/actions'), 'signInWithSsoAction'),
    fields: {},
  },
  {
    kind: 'action',
    name: 'signOutAction',
    answers: 'redirect',
    load: action(() => import('@/lib/auth/actions'), 'signOutAction'),
    fields: {},
  },

  // Staff server actions (lib/payments/staff-actions.ts), called by a signed-in manager.
  {
    kind: 'action',
    name: 'chargeStoredCardAction',
    answers: 'action-result',
    load: action(staffActions, 'chargeStoredCardAction'),
    schema: async () => (await staffSchemas()).storedCardChargeSchema,
    fields: { ...chargeBase, creditCardId: uuidField(() => randomUUID()) },
  },
  {
    kind: 'action',
    name: 'chargeNewCardAction',
    answers: 'action-result',
    load: action(staffActions, 'chargeNewCardAction'),
    schema: async () => (await staffSchemas()).newCardChargeSchema,
    fields: { ...chargeBase, card: tokenizedCard, expiry: mmYy('12/30') },
  },
  {
    kind: 'action',
    name: 'recordExternalPaymentAction',
    answers: 'action-result',
    load: action(staffActions, 'recordExternalPaymentAction'),
    schema: async () => (await staffSchemas()).externalPaymentSchema,
    fields: {
      idempotencyKey: staffKey,
      customerId: uuidField((f) => f.customerId),
      reservationId: optionalUuidField((f) => f.reservationId),
      amount,
      currency,
      type: field(
        () => 'Cash',
        fc.oneof(wrongType, oversized, fc.constantFrom('', '   ', 'x'.repeat(51))),
      ),
      externalIdentifier: field(() => 'Receipt 0042', badFreeText(100, 1)),
      notes,
    },
  },
  {
    kind: 'action',
    name: 'recordTerminalCardPaymentAction',
    answers: 'action-result',
    load: action(staffActions, 'recordTerminalCardPaymentAction'),
    schema: async () => (await staffSchemas()).terminalCardPaymentSchema,
    fields: {
      idempotencyKey: staffKey,
      customerId: uuidField((f) => f.customerId),
      reservationId: optionalUuidField((f) => f.reservationId),
      amount,
      currency,
      brand: field(() => 'Visa', badEnum(CARD_BRANDS)),
      obfuscatedNumber: field(
        () => '411111******1111',
        badString(
          (value) => {
            const compact = value.replace(/[\s-]/g, '');
            return (
              value.length <= 40 &&
              compact.length >= 12 &&
              compact.length <= 19 &&
              /^\d{0,6}[*xX•]+\d{0,4}$/.test(compact)
            );
          },
          ['4111111111111111', '41111111****1111', '411111**1111', '4111 11** **** 1111 1'],
        ),
      ),
      expiry: field(
        () => '12/2030',
        badString(
          (value) => /^(0[1-9]|1[0-2])\/(20\d{2})$/.test(value.trim()),
          ['12/30', '13/2030', '12/1999'],
        ),
      ),
      holderName: field(() => 'Alice Smith', badFreeText(100, 2)),
      receiptIdentifier: field(() => 'T-000123', badFreeText(100, 1)),
      notes,
    },
  },
  {
    kind: 'action',
    name: 'createPaymentLinkAction',
    answers: 'action-result',
    load: action(staffActions, 'createPaymentLinkAction'),
    schema: async () => (await staffSchemas()).staffPaymentLinkSchema,
    fields: {
      customerId: uuidField((f) => f.customerId),
      reservationId: optionalUuidField((f) => f.reservationId),
      amount,
      currency,
      description: field(() => 'Deposit for your stay', badFreeText(200, 1)),
      expiresInHours: notText(field(() => 72, badWholeNumber(1, 90 * 24, true))),
    },
  },
  {
    kind: 'action',
    name: 'cancelPaymentLinkAction',
    answers: 'action-result',
    load: action(staffActions, 'cancelPaymentLinkAction'),
    schema: async () => (await staffSchemas()).cancelLinkSchema,
    fields: { linkId: uuidField(() => randomUUID()) },
  },
  // E-mail from the back office (lib/payments/email/staff-actions.ts). No valid id points at a
  // real link or e-mail, so even a call that passes validation changes nothing (a real link's
  // token would be replaced by "Send to guest").
  {
    kind: 'action',
    name: 'sendLinkToGuestAction',
    answers: 'action-result',
    load: action(() => import('@/lib/payments/email/staff-actions'), 'sendLinkToGuestAction'),
    schema: async () => (await import('@/lib/payments/email/schemas')).sendLinkToGuestSchema,
    fields: {
      linkId: uuidField(() => randomUUID()),
      email: emailAddress,
      locale: optional(field(() => 'nl', badEnum(LOCALES))),
    },
  },
  {
    kind: 'action',
    name: 'resendEmailAction',
    answers: 'action-result',
    load: action(() => import('@/lib/payments/email/staff-actions'), 'resendEmailAction'),
    schema: async () => (await import('@/lib/payments/email/schemas')).resendEmailSchema,
    fields: {
      emailId: uuidField(() => randomUUID()),
      recipient: optional(emailAddress),
    },
  },
  {
    kind: 'action',
    name: 'refundPaymentAction',
    answers: 'action-result',
    load: action(staffActions, 'refundPaymentAction'),
    schema: async () => (await staffSchemas()).refundSchema,
    fields: {
      idempotencyKey: staffKey,
      attemptId: uuidField(() => randomUUID()),
      amount: optional(field(() => '10.00', badBoundedString(30))),
      reason: field(() => 'Guest canceled in time', badFreeText(200, 3)),
    },
  },
  {
    kind: 'action',
    name: 'releaseAttemptAction',
    answers: 'action-result',
    load: action(staffActions, 'releaseAttemptAction'),
    schema: async () => (await import('@/lib/payments/staff/release-attempt')).releaseAttemptSchema,
    fields: { attemptId: uuidField(() => randomUUID()) },
  },
  {
    kind: 'action',
    name: 'findStoredCardMatchAction',
    answers: 'action-result',
    load: action(
      () => import('@/lib/payments/staff/stored-card-match-actions'),
      'findStoredCardMatchAction',
    ),
    schema: async () =>
      (await import('@/lib/payments/staff/stored-card-match')).storedCardMatchSchema,
    fields: {
      customerId: uuidField((f) => f.customerId),
      maskedCard: field(() => '424242xxxxxx4242', badBoundedString(19)),
      expiry: mmYy('12/30'),
    },
  },
  {
    kind: 'action',
    name: 'setIdealEnabledAction',
    answers: 'action-result',
    load: action(staffActions, 'setIdealEnabledAction'),
    schema: async () =>
      (await import('@/lib/payments/installation/alternative-methods')).idealSettingSchema,
    fields: {
      enabled: notText(
        field(
          () => false,
          fc.oneof(
            fc.constantFrom('true', 'false', 1, 0, null, [], {}),
            fc.string({ maxLength: 20 }),
          ),
        ),
      ),
    },
  },
  {
    kind: 'action',
    name: 'createStaffUserAction',
    answers: 'action-result',
    load: action(staffActions, 'createStaffUserAction'),
    schema: async () => (await import('@/lib/auth/staff-schemas')).staffAccountInputSchema,
    fields: {
      email: field(
        () => `new.${randomUUID().slice(0, 8)}@hotel.test`,
        badString(
          (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()),
          ['plain', '@x.io', 'a@', 'a b@c.de'],
        ),
      ),
      name: field(
        () => 'New Colleague',
        fc.oneof(badBoundedString(100), fc.constantFrom('', '   ')),
      ),
      role: field(() => 'frontdesk', badEnum(['frontdesk', 'manager'])),
      password: optional(
        field(
          () => 'a long enough password',
          fc.oneof(
            wrongType.filter((v) => typeof v !== 'string'),
            oversized,
            fc.constantFrom('short', 'x'.repeat(257)),
          ),
        ),
      ),
    },
  },
  {
    kind: 'action',
    name: 'updateStaffUserAction',
    answers: 'action-result',
    load: action(staffActions, 'updateStaffUserAction'),
    schema: async () => (await import('@/lib/auth/staff-schemas')).staffAccountUpdateSchema,
    fields: {
      staffId: uuidField((f) => f.frontDesk.id),
      role: optional(field(() => 'frontdesk', badEnum(['frontdesk', 'manager']))),
      disabled: optional(notText(field(() => false, badBoolean))),
    },
  },

  // Route handlers.
  {
    kind: 'route',
    name: 'GET /api/health',
    method: 'GET',
    path: '/api/health',
    auth: 'none',
    alsoAccept: [200],
    load: route(() => import('@/app/api/health/route'), 'GET'),
  },
  {
    kind: 'route',
    name: 'GET /api/v1/openapi.json',
    method: 'GET',
    path: '/api/v1/openapi.json',
    auth: 'none',
    alsoAccept: [200],
    load: route(() => import('@/app/api/v1/openapi.json/route'), 'GET'),
  },
  {
    kind: 'route',
    name: 'GET /api/pay/[token]/status',
    method: 'GET',
    path: '/api/pay/[token]/status',
    auth: 'none',
    errorBody: 'code',
    load: route(() => import('@/app/api/pay/[token]/status/route'), 'GET'),
    params: {
      token: field((f) => f.link.token, fc.oneof(junkString, oversizedForUrl, fc.constant(''))),
    },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/payments',
    method: 'GET',
    path: '/api/staff/payments',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/payments/route'), 'GET'),
    query: {
      state: enumQuery(PAYMENT_STATES),
      method: enumQuery(PAYMENT_METHODS),
      from: dayQuery,
      to: dayQuery,
      staffId: uuidQuery,
      customerId: uuidQuery,
    },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/audit',
    method: 'GET',
    path: '/api/staff/audit',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/audit/route'), 'GET'),
    query: {
      staffId: uuidQuery,
      action: optional(
        field(
          () => 'staff.',
          fc.oneof(
            oversizedForUrl,
            fc.constantFrom('x'.repeat(61), 'staff\u0000', 'a\u0007b', '\u001b[2J'),
          ),
        ),
      ),
      from: dayQuery,
      to: dayQuery,
    },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/customers',
    method: 'GET',
    path: '/api/staff/customers',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/customers/route'), 'GET'),
    query: {
      query: field(
        () => 'Smith',
        fc.oneof(
          oversizedForUrl,
          fc.constantFrom('', ' ', 'a', '  b  ', 'x'.repeat(201), 'ab\u0000'),
        ),
      ),
    },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/customers/[id]',
    method: 'GET',
    path: '/api/staff/customers/[id]',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/customers/[id]/route'), 'GET'),
    params: { id: field((f) => f.customerId, badQuery(isUuid, [''])) },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/dashboard',
    method: 'GET',
    path: '/api/staff/dashboard',
    auth: 'staff',
    alsoAccept: [200],
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/dashboard/route'), 'GET'),
  },
  {
    kind: 'route',
    name: 'GET /api/staff/links',
    method: 'GET',
    path: '/api/staff/links',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/links/route'), 'GET'),
    query: {
      customerId: optional(
        field(
          (f) => f.customerId,
          badQuery((value) => value === '' || isUuid(value), ['-'.repeat(36)]),
        ),
      ),
    },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/links/[id]',
    method: 'GET',
    path: '/api/staff/links/[id]',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/links/[id]/route'), 'GET'),
    params: { id: field(() => randomUUID(), badQuery(isUuid, ['', '-'.repeat(36)])) },
  },
  {
    kind: 'route',
    name: 'GET /api/staff/payments/[id]',
    method: 'GET',
    path: '/api/staff/payments/[id]',
    auth: 'staff',
    errorBody: 'action-result',
    load: route(() => import('@/app/api/staff/payments/[id]/route'), 'GET'),
    params: { id: field(() => randomUUID(), badQuery(isUuid, ['', '-'.repeat(36)])) },
  },
  {
    kind: 'route',
    name: 'POST /api/v1/payment-links',
    method: 'POST',
    path: '/api/v1/payment-links',
    auth: 'api-key',
    errorBody: 'api',
    load: route(() => import('@/app/api/v1/payment-links/route'), 'POST'),
    schema: async () => (await import('@/lib/payments/links/payment-links')).paymentLinkInputSchema,
    body: {
      customerId: uuidField((f) => f.customerId),
      reservationId: optional(
        field(
          (f) => f.reservationId,
          badUuid.filter((value) => value !== null),
        ),
      ),
      amountMinor: notText(field(() => 12_550, badWholeNumber(1, 100_000_000_00))),
      currency: field(() => 'GBP', badCurrency),
      description: field(() => 'Deposit', badFreeText(200, 1)),
      expiresInHours: optional(notText(field(() => 48, badWholeNumber(1, 90 * 24)))),
      expiresAt: optional(
        field(
          () => undefined,
          fc.oneof(
            wrongType,
            oversized,
            fc.constantFrom(
              'tomorrow',
              '2027-13-01T00:00:00Z',
              '2027-02-30T12:00:00Z',
              '2027-03-01',
              '2027-03-01T12:00:00',
              '2000-01-01T00:00:00Z',
              '2999-01-01T00:00:00Z',
              '+275760-09-13T00:00:00Z',
            ),
          ),
        ),
      ),
    },
    extraCalls: badApiRequests,
  },
  {
    kind: 'route',
    name: 'GET /api/v1/payment-links/[id]',
    method: 'GET',
    path: '/api/v1/payment-links/[id]',
    auth: 'api-key',
    errorBody: 'api',
    load: route(() => import('@/app/api/v1/payment-links/[id]/route'), 'GET'),
    params: { id: field((f) => f.link.id, badQuery(isUuid, [''])) },
    extraCalls: badApiKeyHeaders,
  },
  {
    kind: 'route',
    name: 'POST /api/v1/payment-links/[id]/cancel',
    method: 'POST',
    path: '/api/v1/payment-links/[id]/cancel',
    auth: 'api-key',
    errorBody: 'api',
    load: route(() => import('@/app/api/v1/payment-links/[id]/cancel/route'), 'POST'),
    params: { id: field(() => randomUUID(), badQuery(isUuid, [''])) },
    extraCalls: badApiKeyHeaders,
  },
];
