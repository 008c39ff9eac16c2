/** Wire JSON as Mews sends it (complete enough to validate against the spec's response schemas). */

export const IDS = {
  enterprise: '851df8c8-90f2-4c4a-8e01-a4fc46b25178',
  chain: '8e7fbfe0-e7ad-4a4f-9dac-b03600d8c29b',
  customer: '35d4b117-4e60-44a3-9580-c582117eff98',
  card: '866d3f51-3a9c-4f29-a4a8-1d1b8e0f3a21',
  terminalCard: '1f4c3a0e-55d1-4a53-9a0b-4bb5b3c0a001',
  payment: '3ae3976f-a4a4-4a0a-a2a3-7e1d7a8bcb11',
  payment2: '4be4086f-b5b5-4b1b-b3b4-8f2e8b9cdc22',
  refund: '5cf5197f-c6c6-4c2c-84c5-903f9cadec33',
  reservation: 'bfee2c44-1f84-4326-a862-5289598f6e2d',
  paymentRequest: '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  bill: '44bd8ad0-e70b-4bd9-8445-ad7200d7c349',
  profile: '9f1e2d3c-4b5a-4968-8776-655443322110',
  room: '20e00c32-d561-4008-8609-82d8aa525714',
  orderItem: '53896156-f25b-4949-b55b-afd3007b1146',
} as const;

export function wireConfiguration(
  overrides: { pricing?: string; publicKey?: string | null; enabledTypes?: string[] } = {},
) {
  return {
    NowUtc: '2026-11-21T10:00:00Z',
    Enterprise: {
      Id: IDS.enterprise,
      ExternalIdentifier: null,
      HoldingKey: null,
      ChainId: IDS.chain,
      ChainName: 'Demo chain',
      CreatedUtc: '2020-01-01T00:00:00Z',
      UpdatedUtc: '2026-01-01T00:00:00Z',
      Name: 'Connector API Hotel (Gross Pricing)',
      ShortName: null,
      TimeZoneIdentifier: 'Europe/London',
      LegalEnvironmentCode: 'UK',
      AccommodationEnvironmentCode: 'UK',
      AccountingEnvironmentCode: 'UK',
      TaxEnvironmentCode: 'UK-2022',
      DefaultLanguageCode: 'en-GB',
      EditableHistoryInterval: 'P0M7DT0H0M0S',
      AccountingEditableHistoryInterval: 'P0M7DT0H0M0S',
      OperationalEditableHistoryInterval: 'P0M7DT0H0M0S',
      BusinessDayClosingOffset: null,
      WebsiteUrl: null,
      Email: null,
      Phone: null,
      LogoImageId: null,
      CoverImageId: null,
      Pricing: overrides.pricing ?? 'Gross',
      TaxPrecision: null,
      AddressId: '0e0d0c0b-0a09-4807-8605-040302010000',
      Address: {
        Id: '0e0d0c0b-0a09-4807-8605-040302010000',
        Line1: '1 Demo Street',
        City: 'London',
        PostalCode: 'W1',
        CountryCode: 'GB',
      },
      GroupNames: [],
      Subscription: { TaxIdentifier: null },
      Currencies: [
        { Currency: 'GBP', IsDefault: true, IsEnabled: true },
        { Currency: 'EUR', IsDefault: false, IsEnabled: true },
        { Currency: 'USD', IsDefault: false, IsEnabled: true },
        { Currency: 'JPY', IsDefault: false, IsEnabled: false },
      ],
      AccountingConfiguration: {
        EnabledExternalPaymentTypes: overrides.enabledTypes ?? ['Cash', 'WireTransfer', 'Invoice'],
        Options: [],
        SurchargeConfiguration: {
          SurchargeFees: {},
          SurchargeServiceId: null,
          SurchargeTaxCode: null,
        },
      },
      IsPortfolio: false,
    },
    PaymentCardStorage:
      overrides.publicKey === null ? null : { PublicKey: overrides.publicKey ?? '1100007006' },
    IsIdentityDocumentNumberRequired: false,
  };
}

export function wireCustomer(overrides: Record<string, unknown> = {}) {
  return {
    Id: IDS.customer,
    ChainId: IDS.chain,
    Number: '1042',
    Title: null,
    Sex: null,
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Email: 'ada@example.com',
    HasOtaEmail: false,
    Phone: null,
    CreatedUtc: '2026-01-01T00:00:00Z',
    UpdatedUtc: '2026-01-01T00:00:00Z',
    Classifications: [],
    Options: [],
    IsActive: true,
    PreferredSpaceFeatures: [],
    CreatorProfileId: IDS.profile,
    UpdaterProfileId: IDS.profile,
    ...overrides,
  };
}

export function wireCard(overrides: Record<string, unknown> = {}) {
  return {
    Id: IDS.card,
    EnterpriseId: IDS.enterprise,
    CustomerId: IDS.customer,
    IsActive: true,
    State: 'Enabled',
    Kind: 'Gateway',
    Format: 'Virtual',
    Type: 'Visa',
    ObfuscatedNumber: '************1111',
    Expiration: '12/2030',
    CreatedUtc: '2026-01-01T00:00:00Z',
    UpdatedUtc: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function wireAmount(value: number, currency = 'GBP') {
  return {
    Currency: currency,
    NetValue: value,
    GrossValue: value,
    TaxValues: [],
    Breakdown: { Items: [] },
  };
}

export function wirePayment(overrides: Record<string, unknown> = {}) {
  return {
    Id: IDS.payment,
    EnterpriseId: IDS.enterprise,
    AccountId: IDS.customer,
    AccountType: 'Customer',
    PaymentRequestId: null,
    BillId: null,
    ReservationId: IDS.reservation,
    AccountingCategoryId: null,
    Amount: wireAmount(-37.5),
    OriginalAmount: wireAmount(-37.5),
    Notes: 'Mews Checkout attempt att_42',
    SettlementId: null,
    ConsumedUtc: null,
    ClosedUtc: null,
    ChargedUtc: '2026-11-21T09:59:00Z',
    CreatedUtc: '2026-11-21T09:58:00Z',
    UpdatedUtc: '2026-11-21T09:59:00Z',
    SettlementUtc: null,
    AccountingState: 'Open',
    State: 'Charged',
    Identifier: null,
    Type: 'CreditCardPayment',
    Kind: 'Payment',
    Data: {
      Discriminator: 'CreditCard',
      CreditCard: { CreditCardId: IDS.card, Transaction: null },
    },
    PaymentOrigin: 'Api',
    ...overrides,
  };
}

export function wirePaymentRequest(overrides: Record<string, unknown> = {}) {
  return {
    Id: IDS.paymentRequest,
    EnterpriseId: IDS.enterprise,
    AccountId: IDS.customer,
    CustomerId: null,
    ReservationGroupId: null,
    ReservationId: IDS.reservation,
    State: 'Pending',
    Amount: wireAmount(100),
    Type: 'Payment',
    Reason: 'Deposit',
    ExpirationUtc: '2026-11-28T00:00:00Z',
    Description: 'Deposit for your stay',
    Notes: null,
    CreatedUtc: '2026-11-20T00:00:00Z',
    UpdatedUtc: '2026-11-20T00:00:00Z',
    ...overrides,
  };
}

export function wireReservation(overrides: Record<string, unknown> = {}) {
  return {
    Id: IDS.reservation,
    ServiceId: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    AccountId: IDS.customer,
    AccountType: 'Customer',
    CreatorProfileId: IDS.profile,
    UpdaterProfileId: IDS.profile,
    BookerId: null,
    Number: '52',
    State: 'Confirmed',
    Origin: 'Connector',
    CreatedUtc: '2026-11-01T00:00:00Z',
    UpdatedUtc: '2026-11-01T00:00:00Z',
    Options: {
      OwnerCheckedIn: false,
      AllCompanionsCheckedIn: false,
      AnyCompanionCheckedIn: false,
      ConnectorCheckIn: false,
    },
    RateId: '1a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    CreditCardId: null,
    GroupId: '2a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    RequestedResourceCategoryId: '3a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    StartUtc: '2026-12-01T14:00:00Z',
    EndUtc: '2026-12-03T10:00:00Z',
    ScheduledStartUtc: '2026-12-01T14:00:00Z',
    ScheduledEndUtc: '2026-12-03T10:00:00Z',
    PersonCounts: [{ AgeCategoryId: '4a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', Count: 2 }],
    ...overrides,
  };
}

export function wireResource(overrides: Record<string, unknown> = {}) {
  return {
    Id: IDS.room,
    EnterpriseId: IDS.enterprise,
    IsActive: true,
    ParentResourceId: null,
    Name: '101',
    State: 'Clean',
    Descriptions: { 'en-US': 'Standard room' },
    CreatedUtc: '2026-01-15T10:30:00Z',
    UpdatedUtc: '2026-06-15T14:20:00Z',
    Data: { Discriminator: 'Space', Value: { FloorNumber: '1', LocationNotes: null } },
    ExternalNames: { 'en-US': 'Room 101' },
    Directions: {},
    ...overrides,
  };
}

export function wireOrderItem(overrides: Record<string, unknown> = {}) {
  const amount = (value: number) => ({
    Currency: 'GBP',
    NetValue: value,
    GrossValue: value,
    TaxValues: [{ Code: 'UK-Z', Value: 0 }],
    Breakdown: { Items: [{ TaxRateCode: 'UK-Z', NetValue: value, TaxValue: 0 }] },
  });
  return {
    Id: IDS.orderItem,
    EnterpriseId: IDS.enterprise,
    AccountId: IDS.customer,
    AccountType: 'Customer',
    ServiceId: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    ServiceOrderId: IDS.reservation,
    BillId: IDS.bill,
    UnitCount: 1,
    UnitAmount: amount(150),
    Amount: amount(150),
    OriginalAmount: amount(150),
    RevenueType: 'Service',
    CreatorProfileId: IDS.profile,
    UpdaterProfileId: IDS.profile,
    CreatedUtc: '2026-11-01T00:00:00Z',
    UpdatedUtc: '2026-11-01T00:00:00Z',
    ConsumedUtc: '2026-11-01T00:00:00Z',
    CanceledUtc: null,
    AccountingState: 'Open',
    Type: 'CustomItem',
    Options: { CanceledWithReservation: false },
    ...overrides,
  };
}
