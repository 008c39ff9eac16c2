/**
 * Seeded data of the offline sandbox: enterprises (keyed by their access tokens), the tokens with
 * fewer permissions or a portfolio's reach (`accessGrant`), customers, reservations with deposits
 * due, their open bills, accounting categories and one terminal card. Ids are fixed so tests and
 * demo links can refer to them; import `SEED` from here.
 */

/** The public ClientTokens of Mews' demo environment (reference §1.2); all work with every enterprise. */
export const DEMO_CLIENT_TOKENS = [
  'E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D',
  'E916C341431C4D28A866AD200152DBD3-A046EB5583FFBE94DE1172237763712',
  '2CC71B0660F345019882AD200155B4FE-4A1FC9080A4DD2A404734003674F77E',
  '07AB1F14B55C49B8BDD6AD200158423B-273A4497AFF5E20566D7199DB3DC2BA',
] as const;

/** AccessTokens of the demo Gross-pricing enterprise (one per demo integration). */
export const GROSS_ACCESS_TOKENS = [
  'C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D',
  'CC150C355D6A4048A220AD20015483AB-B6D09C0C84B09538077CB8FFBB907B4',
  '5F56B9903A834F199E28AD20015E58CA-5C6A1A00550634911534AD6A098E8B7',
  '39E301DD5A1C4A569087AD20015F60DD-50DC28896E9090CCA0995C9BBD90351',
] as const;

/** AccessTokens of the demo Net-pricing enterprise. */
export const NET_ACCESS_TOKENS = [
  '4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5',
  '1AEFA58C55E74D65BDC7AD2001564C12-66633E0B736F523379B9E5966165A55',
  '682C235379B64D909941AD2001577525-BFC60A026081F1350FAA99CAB9F7510',
  'BFD4298010F54B069F3DAD20015D53EA-D5561FADFBA4EFC8EA4C179C6BC461F',
] as const;

/** Sandbox-only enterprise without PCI card storage (`PaymentCardStorage: null`). */
export const NO_CARD_STORAGE_ACCESS_TOKEN =
  'SANDBOX0NOCARDSTORAGE0000000000000-0000000000000000000000000000001';

/** Sandbox-only Dutch hotel: EUR, card storage and iDEAL in its subscription. */
export const DUTCH_ACCESS_TOKEN =
  'SANDBOX0DUTCHIDEAL0000000000000000-0000000000000000000000000000002';

/**
 * Sandbox-only token of the London enterprise without the permissions Mews grants only at
 * certification (reference §1.4 and §2.2): card tokenization and gateway charges answer 401.
 */
export const NO_CARD_PERMISSION_ACCESS_TOKEN =
  'SANDBOX0NOCARDPERMISSION0000000000-0000000000000000000000000000003';

/** Sandbox-only portfolio access token over London and the Dutch hotel (reference §1.3). */
export const PORTFOLIO_ACCESS_TOKEN =
  'SANDBOX0PORTFOLIO00000000000000000-0000000000000000000000000000004';

/**
 * Sandbox-only token of the London enterprise without the payment-request permission: the three
 * `paymentRequests/*` operations answer 401 "No permission to use this operation."
 */
export const NO_PAYMENT_REQUEST_PERMISSION_ACCESS_TOKEN =
  'SANDBOX0NOPAYMENTREQUESTS0000000-0000000000000000000000000000005';

/** Operations refused to `NO_PAYMENT_REQUEST_PERMISSION_ACCESS_TOKEN`. */
export const NO_PAYMENT_REQUEST_PERMISSION_DENIED_OPERATIONS = [
  'paymentRequests/add',
  'paymentRequests/getAll',
  'paymentRequests/cancel',
] as const;

/** Operations refused to `NO_CARD_PERMISSION_ACCESS_TOKEN` with 401 "No permission to use this operation." */
export const NO_CARD_PERMISSION_DENIED_OPERATIONS = [
  'creditCards/addTokenized',
  'creditCards/charge',
] as const;

export type Pricing = 'Gross' | 'Net';

/** Payment methods of Mews Payments Checkout (`enabledPaymentMethods` values). */
export type CheckoutMethod = 'paymentCard' | 'ideal' | 'sepaDirectDebit' | 'applePay' | 'googlePay';

export type SeedEnterpriseKey = 'gross' | 'net' | 'noCardStorage' | 'dutch';

export interface SeedEnterprise {
  key: SeedEnterpriseKey;
  id: string;
  chainId: string;
  name: string;
  chainName: string;
  timeZone: string;
  pricing: Pricing;
  legalEnvironmentCode: string;
  taxEnvironmentCode: string;
  defaultLanguageCode: string;
  currencies: Array<{ Currency: string; IsDefault: boolean; IsEnabled: boolean }>;
  /** PCI Proxy merchantId used by Secure Fields, or null when the enterprise has no card storage. */
  publicKey: string | null;
  enabledExternalPaymentTypes: string[];
  /** Alternative payment methods enabled in the enterprise's Mews subscription. */
  alternativeMethods: string[];
  /**
   * On the Mews Payments gateway: only such properties can send payment requests (Mews help,
   * "Send a payment request by email"). Which seeded enterprise is, is the sandbox's choice.
   */
  mewsPayments: boolean;
  /**
   * The payment methods the property has configured for Mews Payments Checkout (the checkout's
   * camelCase values); `enabledPaymentMethods` of `load()` can only narrow this set.
   */
  checkoutMethods: readonly CheckoutMethod[];
  accessTokens: readonly string[];
  address: { Line1: string; City: string; PostalCode: string; CountryCode: string };
  addressId: string;
  serviceId: string;
  rateId: string;
  resourceCategoryId: string;
  adultAgeCategoryId: string;
  integrationId: string;
}

export interface SeedCustomer {
  id: string;
  enterpriseKey: SeedEnterprise['key'];
  number: string;
  firstName: string;
  lastName: string;
  email: string;
  nationalityCode: string;
  languageCode: string;
}

export interface SeedReservation {
  id: string;
  enterpriseKey: SeedEnterprise['key'];
  customerId: string;
  number: string;
  groupId: string;
  billId: string;
  startUtc: string;
  endUtc: string;
  state: 'Confirmed' | 'Optional' | 'Started';
  /** The deposit the guest owes, posted as a revenue item on the reservation's open bill. */
  depositDue: { currency: string; value: number };
  /** The room assigned to it (`AssignedResourceId`), one of `SEED.rooms`. */
  roomId: string;
  /**
   * A guest in house: the dates above are replaced, when the sandbox is seeded or reset, by an
   * arrival `arrivedDaysAgo` days before the sandbox clock and a departure `nights` later, so
   * there is always a current stay to show (fixed dates would drift into the past).
   */
  inHouse?: { arrivedDaysAgo: number; nights: number };
}

/** A room (Mews `Resource` of the `Space` kind) of a seeded enterprise. */
export interface SeedRoom {
  id: string;
  enterpriseKey: SeedEnterprise['key'];
  name: string;
  floor: string;
}

const rooms = {
  london101: {
    id: '2a9c8e11-0001-4a1b-9c2d-000000000101',
    enterpriseKey: 'gross',
    name: '101',
    floor: '1',
  },
  london102: {
    id: '2a9c8e11-0001-4a1b-9c2d-000000000102',
    enterpriseKey: 'gross',
    name: '102',
    floor: '1',
  },
  london204: {
    id: '2a9c8e11-0001-4a1b-9c2d-000000000204',
    enterpriseKey: 'gross',
    name: '204',
    floor: '2',
  },
  london301: {
    id: '2a9c8e11-0001-4a1b-9c2d-000000000301',
    enterpriseKey: 'gross',
    name: '301',
    floor: '3',
  },
  washington12: {
    id: '2a9c8e11-0002-4a1b-9c2d-000000000012',
    enterpriseKey: 'net',
    name: '12',
    floor: '1',
  },
  hostelDorm: {
    id: '2a9c8e11-0003-4a1b-9c2d-000000000001',
    enterpriseKey: 'noCardStorage',
    name: 'Dorm A',
    floor: '0',
  },
  amsterdam7: {
    id: '2a9c8e11-0004-4a1b-9c2d-000000000007',
    enterpriseKey: 'dutch',
    name: '7',
    floor: '0',
  },
} as const satisfies Record<string, SeedRoom>;

const enterprises = {
  gross: {
    key: 'gross',
    id: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e1001',
    chainId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ec001',
    name: 'Sandbox Hotel London (Gross pricing)',
    chainName: 'Sandbox Hotels UK',
    timeZone: 'Europe/London',
    pricing: 'Gross',
    legalEnvironmentCode: 'UK',
    taxEnvironmentCode: 'UK-2022',
    defaultLanguageCode: 'en-GB',
    currencies: [
      { Currency: 'GBP', IsDefault: true, IsEnabled: true },
      { Currency: 'EUR', IsDefault: false, IsEnabled: true },
      { Currency: 'USD', IsDefault: false, IsEnabled: true },
      { Currency: 'CHF', IsDefault: false, IsEnabled: false },
    ],
    publicKey: '1100016827',
    enabledExternalPaymentTypes: [
      'Unspecified',
      'Cash',
      'Invoice',
      'WireTransfer',
      'Bacs',
      'Cheque',
      'GiftCard',
      'Voucher',
    ],
    // iDEAL needs the Stripe gateway and the add-on in the Mews subscription; no API field says so.
    alternativeMethods: [],
    mewsPayments: true,
    checkoutMethods: ['paymentCard', 'googlePay', 'applePay'],
    accessTokens: GROSS_ACCESS_TOKENS,
    address: {
      Line1: '1 Sandbox Street',
      City: 'London',
      PostalCode: 'EC1A 1AA',
      CountryCode: 'GB',
    },
    addressId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ea001',
    serviceId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e5001',
    rateId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e7001',
    resourceCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e6001',
    adultAgeCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e4001',
    integrationId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e9001',
  },
  net: {
    key: 'net',
    id: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e1002',
    chainId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ec002',
    name: 'Sandbox Hotel Washington (Net pricing)',
    chainName: 'Sandbox Hotels US',
    timeZone: 'America/New_York',
    pricing: 'Net',
    legalEnvironmentCode: 'US-DC',
    taxEnvironmentCode: 'US-DC',
    defaultLanguageCode: 'en-US',
    currencies: [
      { Currency: 'USD', IsDefault: true, IsEnabled: true },
      { Currency: 'GBP', IsDefault: false, IsEnabled: true },
      { Currency: 'EUR', IsDefault: false, IsEnabled: true },
    ],
    publicKey: '1100016828',
    enabledExternalPaymentTypes: [
      'Unspecified',
      'Cash',
      'Invoice',
      'WireTransfer',
      'Cheque',
      'DirectDebit',
    ],
    alternativeMethods: [],
    mewsPayments: false,
    checkoutMethods: [],
    accessTokens: NET_ACCESS_TOKENS,
    address: {
      Line1: '1 Sandbox Avenue NW',
      City: 'Washington',
      PostalCode: '20001',
      CountryCode: 'US',
    },
    addressId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ea002',
    serviceId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e5002',
    rateId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e7002',
    resourceCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e6002',
    adultAgeCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e4002',
    integrationId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e9002',
  },
  noCardStorage: {
    key: 'noCardStorage',
    id: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e1003',
    chainId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ec003',
    name: 'Sandbox Hostel Amsterdam (no card storage)',
    chainName: 'Sandbox Hostels NL',
    timeZone: 'Europe/Amsterdam',
    pricing: 'Gross',
    legalEnvironmentCode: 'NL',
    taxEnvironmentCode: 'NL-2019',
    defaultLanguageCode: 'nl-NL',
    currencies: [{ Currency: 'EUR', IsDefault: true, IsEnabled: true }],
    publicKey: null,
    enabledExternalPaymentTypes: ['Unspecified', 'Cash', 'WireTransfer'],
    alternativeMethods: ['Ideal'],
    mewsPayments: false,
    checkoutMethods: [],
    accessTokens: [NO_CARD_STORAGE_ACCESS_TOKEN],
    address: {
      Line1: 'Sandboxgracht 1',
      City: 'Amsterdam',
      PostalCode: '1012 AB',
      CountryCode: 'NL',
    },
    addressId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ea003',
    serviceId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e5003',
    rateId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e7003',
    resourceCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e6003',
    adultAgeCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e4003',
    integrationId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e9003',
  },
  dutch: {
    key: 'dutch',
    id: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e1004',
    chainId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ec004',
    name: 'Sandbox Hotel Amsterdam',
    chainName: 'Sandbox Hotels NL',
    timeZone: 'Europe/Amsterdam',
    pricing: 'Gross',
    legalEnvironmentCode: 'NL',
    taxEnvironmentCode: 'NL-2019',
    defaultLanguageCode: 'nl-NL',
    currencies: [{ Currency: 'EUR', IsDefault: true, IsEnabled: true }],
    publicKey: '1100016829',
    enabledExternalPaymentTypes: ['Unspecified', 'Cash', 'WireTransfer'],
    alternativeMethods: ['Ideal'],
    mewsPayments: true,
    checkoutMethods: ['paymentCard', 'ideal', 'googlePay', 'applePay'],
    accessTokens: [DUTCH_ACCESS_TOKEN],
    address: {
      Line1: 'Sandboxkade 10',
      City: 'Amsterdam',
      PostalCode: '1017 CD',
      CountryCode: 'NL',
    },
    addressId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ea004',
    serviceId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e5004',
    rateId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e7004',
    resourceCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e6004',
    adultAgeCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e4004',
    integrationId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e9004',
  },
} as const satisfies Record<SeedEnterpriseKey, SeedEnterprise>;

/**
 * The placeholder ("dummy") enterprise Mews answers `configuration/get` with when a portfolio
 * token sends no `EnterpriseId` (reference §1.3). It owns no customers, cards or bills.
 */
export interface SeedPortfolio extends Omit<SeedEnterprise, 'key'> {
  key: 'portfolio';
  /** The enterprises the portfolio token reaches. */
  enterpriseKeys: readonly SeedEnterpriseKey[];
}

const portfolio = {
  key: 'portfolio',
  id: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e1000',
  chainId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ec000',
  name: 'Sandbox Portfolio',
  chainName: 'Sandbox Portfolio',
  timeZone: 'Europe/London',
  pricing: 'Gross',
  legalEnvironmentCode: 'UK',
  taxEnvironmentCode: 'UK-2022',
  defaultLanguageCode: 'en-GB',
  currencies: [{ Currency: 'GBP', IsDefault: true, IsEnabled: true }],
  publicKey: null,
  enabledExternalPaymentTypes: ['Unspecified'],
  alternativeMethods: [],
  mewsPayments: false,
  checkoutMethods: [],
  accessTokens: [PORTFOLIO_ACCESS_TOKEN],
  address: { Line1: '1 Portfolio Row', City: 'London', PostalCode: 'EC1A 1AB', CountryCode: 'GB' },
  addressId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0ea000',
  serviceId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e5000',
  rateId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e7000',
  resourceCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e6000',
  adultAgeCategoryId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e4000',
  integrationId: '8a6d5a4c-4b8f-4d7e-9c31-5a0b2f0e9000',
  enterpriseKeys: ['gross', 'dutch'],
} as const satisfies SeedPortfolio;

const customers = {
  alice: {
    id: '3c1e2a90-0001-4c5e-8a1b-000000000001',
    enterpriseKey: 'gross',
    number: '1001',
    firstName: 'Alice',
    lastName: 'Smith',
    email: 'alice.smith@example.com',
    nationalityCode: 'GB',
    languageCode: 'en-GB',
  },
  bob: {
    id: '3c1e2a90-0001-4c5e-8a1b-000000000002',
    enterpriseKey: 'gross',
    number: '1002',
    firstName: 'Bob',
    lastName: 'Jansen',
    email: 'bob.jansen@example.com',
    nationalityCode: 'NL',
    languageCode: 'nl-NL',
  },
  chloe: {
    id: '3c1e2a90-0001-4c5e-8a1b-000000000003',
    enterpriseKey: 'gross',
    number: '1003',
    firstName: 'Chloé',
    lastName: 'Martin',
    email: 'chloe.martin@example.com',
    nationalityCode: 'FR',
    languageCode: 'fr-FR',
  },
  dan: {
    id: '3c1e2a90-0001-4c5e-8a1b-000000000004',
    enterpriseKey: 'gross',
    number: '1004',
    firstName: 'Dan',
    lastName: 'Walker',
    email: 'dan.walker@example.com',
    nationalityCode: 'GB',
    languageCode: 'en-GB',
  },
  emma: {
    id: '3c1e2a90-0002-4c5e-8a1b-000000000005',
    enterpriseKey: 'net',
    number: '2001',
    firstName: 'Emma',
    lastName: 'Johnson',
    email: 'emma.johnson@example.com',
    nationalityCode: 'US',
    languageCode: 'en-US',
  },
  frank: {
    id: '3c1e2a90-0002-4c5e-8a1b-000000000006',
    enterpriseKey: 'net',
    number: '2002',
    firstName: 'Frank',
    lastName: 'Miller',
    email: 'frank.miller@example.com',
    nationalityCode: 'US',
    languageCode: 'en-US',
  },
  greta: {
    id: '3c1e2a90-0003-4c5e-8a1b-000000000007',
    enterpriseKey: 'noCardStorage',
    number: '3001',
    firstName: 'Greta',
    lastName: 'Visser',
    email: 'greta.visser@example.com',
    nationalityCode: 'NL',
    languageCode: 'nl-NL',
  },
  bram: {
    id: '3c1e2a90-0004-4c5e-8a1b-000000000008',
    enterpriseKey: 'dutch',
    number: '4001',
    firstName: 'Bram',
    lastName: 'de Vries',
    email: 'bram.devries@example.com',
    nationalityCode: 'NL',
    languageCode: 'nl-NL',
  },
  sanne: {
    id: '3c1e2a90-0004-4c5e-8a1b-000000000009',
    enterpriseKey: 'dutch',
    number: '4002',
    firstName: 'Sanne',
    lastName: 'Bakker',
    email: 'sanne.bakker@example.com',
    nationalityCode: 'NL',
    languageCode: 'nl-NL',
  },
} as const satisfies Record<string, SeedCustomer>;

const reservations = {
  aliceLondon: {
    id: '5d2f3b01-0001-4d6f-9b2c-000000000001',
    enterpriseKey: 'gross',
    customerId: customers.alice.id,
    number: 'SBX-1001',
    groupId: '5d2f3b01-0001-4d6f-9b2c-0000000000a1',
    billId: '6e304c12-0001-4e70-8c3d-000000000001',
    startUtc: '2027-03-12T14:00:00Z',
    endUtc: '2027-03-15T10:00:00Z',
    state: 'Confirmed',
    depositDue: { currency: 'GBP', value: 150 },
    roomId: rooms.london101.id,
  },
  bobLondonEur: {
    id: '5d2f3b01-0001-4d6f-9b2c-000000000002',
    enterpriseKey: 'gross',
    customerId: customers.bob.id,
    number: 'SBX-1002',
    groupId: '5d2f3b01-0001-4d6f-9b2c-0000000000a2',
    billId: '6e304c12-0001-4e70-8c3d-000000000002',
    startUtc: '2027-04-02T14:00:00Z',
    endUtc: '2027-04-05T10:00:00Z',
    state: 'Confirmed',
    depositDue: { currency: 'EUR', value: 240.5 },
    roomId: rooms.london102.id,
  },
  chloeLondon: {
    id: '5d2f3b01-0001-4d6f-9b2c-000000000003',
    enterpriseKey: 'gross',
    customerId: customers.chloe.id,
    number: 'SBX-1003',
    groupId: '5d2f3b01-0001-4d6f-9b2c-0000000000a3',
    billId: '6e304c12-0001-4e70-8c3d-000000000003',
    startUtc: '2027-05-20T14:00:00Z',
    endUtc: '2027-05-22T10:00:00Z',
    state: 'Optional',
    depositDue: { currency: 'GBP', value: 80 },
    roomId: rooms.london204.id,
  },
  emmaWashington: {
    id: '5d2f3b01-0002-4d6f-9b2c-000000000004',
    enterpriseKey: 'net',
    customerId: customers.emma.id,
    number: 'SBX-2001',
    groupId: '5d2f3b01-0002-4d6f-9b2c-0000000000a4',
    billId: '6e304c12-0002-4e70-8c3d-000000000004',
    startUtc: '2027-06-10T19:00:00Z',
    endUtc: '2027-06-13T15:00:00Z',
    state: 'Confirmed',
    depositDue: { currency: 'USD', value: 200 },
    roomId: rooms.washington12.id,
  },
  gretaAmsterdam: {
    id: '5d2f3b01-0003-4d6f-9b2c-000000000005',
    enterpriseKey: 'noCardStorage',
    customerId: customers.greta.id,
    number: 'SBX-3001',
    groupId: '5d2f3b01-0003-4d6f-9b2c-0000000000a5',
    billId: '6e304c12-0003-4e70-8c3d-000000000005',
    startUtc: '2027-07-01T13:00:00Z',
    endUtc: '2027-07-04T09:00:00Z',
    state: 'Confirmed',
    depositDue: { currency: 'EUR', value: 120 },
    roomId: rooms.hostelDorm.id,
  },
  bramAmsterdam: {
    id: '5d2f3b01-0004-4d6f-9b2c-000000000006',
    enterpriseKey: 'dutch',
    customerId: customers.bram.id,
    number: 'SBX-4001',
    groupId: '5d2f3b01-0004-4d6f-9b2c-0000000000a6',
    billId: '6e304c12-0004-4e70-8c3d-000000000006',
    startUtc: '2027-08-06T13:00:00Z',
    endUtc: '2027-08-09T09:00:00Z',
    state: 'Confirmed',
    depositDue: { currency: 'EUR', value: 180 },
    roomId: rooms.amsterdam7.id,
  },
  // In house (see `inHouse`): the dates here are placeholders replaced when the sandbox is seeded.
  danLondonInHouse: {
    id: '5d2f3b01-0001-4d6f-9b2c-000000000007',
    enterpriseKey: 'gross',
    customerId: customers.dan.id,
    number: 'SBX-1004',
    groupId: '5d2f3b01-0001-4d6f-9b2c-0000000000a7',
    billId: '6e304c12-0001-4e70-8c3d-000000000007',
    startUtc: '2026-01-04T14:00:00Z',
    endUtc: '2026-01-07T10:00:00Z',
    state: 'Started',
    depositDue: { currency: 'GBP', value: 95 },
    roomId: rooms.london301.id,
    inHouse: { arrivedDaysAgo: 1, nights: 3 },
  },
} as const satisfies Record<string, SeedReservation>;

/** A card captured on a payment terminal: `creditCards/charge` refuses it with 403 (only Gateway cards). */
const terminalCard = {
  id: '7f415d23-0001-4f81-9d4e-000000000001',
  enterpriseKey: 'gross',
  customerId: customers.chloe.id,
  type: 'Visa',
  obfuscatedNumber: '************1111',
  expiration: '2030-12',
} as const;

function accountingCategoryIds(n: number) {
  return {
    deposits: `9a526e34-000${n}-4a92-8e5f-000000000001`,
    accommodation: `9a526e34-000${n}-4a92-8e5f-000000000002`,
    payments: `9a526e34-000${n}-4a92-8e5f-000000000003`,
  };
}

export const SEED = {
  seedTimeUtc: '2026-01-05T09:00:00Z',
  enterprises,
  portfolio,
  customers,
  reservations,
  rooms,
  terminalCard,
  accountingCategories: {
    gross: accountingCategoryIds(1),
    net: accountingCategoryIds(2),
    noCardStorage: accountingCategoryIds(3),
    dutch: accountingCategoryIds(4),
  },
} as const;

export const ENTERPRISE_LIST: readonly SeedEnterprise[] = Object.values(enterprises);
export const CUSTOMER_LIST: readonly SeedCustomer[] = Object.values(customers);
export const RESERVATION_LIST: readonly SeedReservation[] = Object.values(reservations);
export const ROOM_LIST: readonly SeedRoom[] = Object.values(rooms);

/** What an AccessToken reaches: its enterprises and the operations it may not use. */
export interface AccessGrant {
  /** One enterprise, or the members of a portfolio. */
  enterprises: readonly SeedEnterprise[];
  /** The placeholder enterprise of a portfolio token; null for a single-enterprise token. */
  portfolio: SeedPortfolio | null;
  /** Operations answered 401 "No permission to use this operation." */
  deniedOperations: readonly string[];
}

/** Tokens beyond each enterprise's own full-permission `accessTokens`. */
const SPECIAL_GRANTS: Record<string, AccessGrant> = {
  [NO_CARD_PERMISSION_ACCESS_TOKEN]: {
    enterprises: [enterprises.gross],
    portfolio: null,
    deniedOperations: NO_CARD_PERMISSION_DENIED_OPERATIONS,
  },
  [NO_PAYMENT_REQUEST_PERMISSION_ACCESS_TOKEN]: {
    enterprises: [enterprises.gross],
    portfolio: null,
    deniedOperations: NO_PAYMENT_REQUEST_PERMISSION_DENIED_OPERATIONS,
  },
  [PORTFOLIO_ACCESS_TOKEN]: {
    enterprises: portfolio.enterpriseKeys.map((key) => enterprises[key]),
    portfolio,
    deniedOperations: [],
  },
};

export function accessGrant(accessToken: string): AccessGrant | undefined {
  const special = Object.hasOwn(SPECIAL_GRANTS, accessToken)
    ? SPECIAL_GRANTS[accessToken]
    : undefined;
  if (special) return special;
  const enterprise = ENTERPRISE_LIST.find((e) => e.accessTokens.includes(accessToken));
  return enterprise && { enterprises: [enterprise], portfolio: null, deniedOperations: [] };
}

/** The enterprise of a single-enterprise token (undefined for unknown and portfolio tokens). */
export function enterpriseByAccessToken(accessToken: string): SeedEnterprise | undefined {
  const grant = accessGrant(accessToken);
  return grant && grant.portfolio === null ? grant.enterprises[0] : undefined;
}

export function enterpriseByKey(key: SeedEnterprise['key']): SeedEnterprise {
  return enterprises[key];
}

export function enterpriseById(id: string): SeedEnterprise | undefined {
  return ENTERPRISE_LIST.find((e) => e.id === id);
}

export function enterpriseByPublicKey(publicKey: string): SeedEnterprise | undefined {
  return ENTERPRISE_LIST.find((e) => e.publicKey !== null && e.publicKey === publicKey);
}
