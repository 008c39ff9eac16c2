import {
  CUSTOMER_LIST,
  ENTERPRISE_LIST,
  RESERVATION_LIST,
  SEED,
  enterpriseByKey,
  type SeedReservation,
} from './seed';
import {
  DEFAULT_CHECKOUT_SETTINGS,
  STATE_VERSION,
  toUtc,
  type MewsObject,
  type RevenueItem,
  type SandboxState,
} from './state';

/** A fixed profile id standing in for the Mews user who created the seeded records. */
export const SANDBOX_PROFILE_ID = '0b7e1f00-5a4d-4b3c-9e2f-00000000f001';

const TAX_RATE_CODES: Record<string, string> = {
  gross: 'UK-Z',
  net: 'US-DC-Z',
  noCardStorage: 'NL-Z',
  dutch: 'NL-Z',
};

/** Builds the Mews-shaped records of `seed.ts`: the state a reset returns to. */
/**
 * A Mews `Customer` with every field the spec requires, empty unless given: the one shape both the
 * seed and `customers/add` create.
 */
export function customerRecord(input: {
  id: string;
  chainId: string;
  number: string;
  at: string;
  fields?: Record<string, unknown>;
}): MewsObject {
  return {
    Id: input.id,
    ChainId: input.chainId,
    Number: input.number,
    Title: null,
    Sex: null,
    FirstName: null,
    LastName: '',
    SecondLastName: null,
    NationalityCode: null,
    PreferredLanguageCode: null,
    LanguageCode: null,
    BirthDate: null,
    BirthCountryCode: null,
    BirthCountrySubdivisionCode: null,
    BirthPlace: null,
    Occupation: null,
    Email: null,
    HasOtaEmail: false,
    Phone: null,
    TaxIdentificationNumber: null,
    LoyaltyCode: null,
    AccountingCode: null,
    BillingCode: null,
    Notes: null,
    CarRegistrationNumber: null,
    DietaryRequirements: null,
    CreatedUtc: input.at,
    UpdatedUtc: input.at,
    AddressId: null,
    Classifications: [],
    Options: [],
    ItalianDestinationCode: null,
    ItalianFiscalCode: null,
    ItalianLotteryCode: null,
    CompanyId: null,
    MergeTargetId: null,
    IsActive: true,
    PreferredSpaceFeatures: [],
    CreatorProfileId: SANDBOX_PROFILE_ID,
    UpdaterProfileId: SANDBOX_PROFILE_ID,
    ...input.fields,
  };
}

/** A reservation's dates: fixed, or for a guest in house relative to `nowMs` (see `SeedReservation.inHouse`). */
export function seedStayDates(
  reservation: SeedReservation,
  nowMs: number,
): { startUtc: string; endUtc: string } {
  if (!reservation.inHouse) return { startUtc: reservation.startUtc, endUtc: reservation.endUtc };
  const day = 24 * 60 * 60 * 1000;
  const arrivalDay = new Date(nowMs - reservation.inHouse.arrivedDaysAgo * day);
  const arrival = Date.UTC(
    arrivalDay.getUTCFullYear(),
    arrivalDay.getUTCMonth(),
    arrivalDay.getUTCDate(),
    14,
  );
  const departure = arrival + reservation.inHouse.nights * day - 4 * 60 * 60 * 1000;
  return { startUtc: toUtc(arrival), endUtc: toUtc(departure) };
}

/** `nowMs`: the sandbox clock at seeding, for the stays of guests in house. */
export function buildSeedState(nowMs: number = Date.now()): SandboxState {
  const at = SEED.seedTimeUtc;

  const customers: MewsObject[] = CUSTOMER_LIST.map((c) =>
    customerRecord({
      id: c.id,
      chainId: enterpriseByKey(c.enterpriseKey).chainId,
      number: c.number,
      at,
      fields: {
        FirstName: c.firstName,
        LastName: c.lastName,
        NationalityCode: c.nationalityCode,
        PreferredLanguageCode: c.languageCode,
        LanguageCode: c.languageCode,
        Email: c.email,
      },
    }),
  );

  const reservations: MewsObject[] = RESERVATION_LIST.map((r) => {
    const e = enterpriseByKey(r.enterpriseKey);
    const { startUtc, endUtc } = seedStayDates(r, nowMs);
    return {
      Id: r.id,
      ServiceId: e.serviceId,
      AccountId: r.customerId,
      AccountType: 'Customer',
      CreatorProfileId: SANDBOX_PROFILE_ID,
      UpdaterProfileId: SANDBOX_PROFILE_ID,
      BookerId: r.customerId,
      Number: r.number,
      State: r.state,
      Origin: 'Connector',
      CommanderOrigin: null,
      OriginDetails: null,
      CreatedUtc: at,
      UpdatedUtc: at,
      CancelledUtc: null,
      VoucherId: null,
      BusinessSegmentId: null,
      Options: {
        OwnerCheckedIn: r.state === 'Started',
        AllCompanionsCheckedIn: false,
        AnyCompanionCheckedIn: false,
        ConnectorCheckIn: false,
      },
      RateId: e.rateId,
      CreditCardId: null,
      GroupId: r.groupId,
      RequestedResourceCategoryId: e.resourceCategoryId,
      AssignedResourceId: r.roomId,
      AvailabilityBlockId: null,
      PartnerCompanyId: null,
      TravelAgencyId: null,
      AssignedResourceLocked: false,
      ChannelNumber: null,
      ChannelManagerNumber: null,
      CancellationReason: null,
      ReleasedUtc: null,
      StartUtc: startUtc,
      EndUtc: endUtc,
      ScheduledStartUtc: startUtc,
      ActualStartUtc: r.state === 'Started' ? startUtc : null,
      ScheduledEndUtc: endUtc,
      ActualEndUtc: null,
      Purpose: 'Leisure',
      QrCodeData: null,
      PersonCounts: [{ AgeCategoryId: e.adultAgeCategoryId, Count: 2 }],
    };
  });

  const bills: MewsObject[] = RESERVATION_LIST.map((r) => ({
    Id: r.billId,
    Name: `Reservation ${r.number}`,
    EnterpriseId: enterpriseByKey(r.enterpriseKey).id,
    AccountId: r.customerId,
    AccountType: 'Customer',
    CustomerId: r.customerId,
    CompanyId: null,
    AssociatedAccountIds: [],
    CounterId: null,
    State: 'Open',
    Type: 'Receipt',
    Number: null,
    VariableSymbol: null,
    CreatedUtc: at,
    IssuedUtc: null,
    TaxedUtc: null,
    PaidUtc: null,
    DueUtc: seedStayDates(r, nowMs).startUtc,
    LastReminderDateUtc: null,
    UpdatedUtc: at,
    PurchaseOrderNumber: null,
    Notes: `Deposit due for reservation ${r.number}`,
    Options: {
      DisplayCustomer: true,
      DisplayTaxation: true,
      TrackReceivable: false,
      DisplayCid: false,
      Rebated: false,
    },
    Revenue: null,
    Payments: null,
    OrderItems: null,
    PaymentItems: null,
    CorrectionState: 'Bill',
    CorrectionType: null,
    CorrectedBillId: null,
  }));

  const revenueItems: RevenueItem[] = RESERVATION_LIST.map((r, i) => ({
    id: `4b8c9d10-000${i + 1}-4e2f-8a3b-00000000d00${i + 1}`,
    billId: r.billId,
    accountId: r.customerId,
    reservationId: r.id,
    accountingCategoryId: SEED.accountingCategories[r.enterpriseKey].deposits,
    name: `Deposit for reservation ${r.number}`,
    currency: r.depositDue.currency,
    grossValue: r.depositDue.value,
    netValue: r.depositDue.value,
    taxValue: 0,
    taxRateCode: TAX_RATE_CODES[r.enterpriseKey] ?? 'Z',
    consumedUtc: at,
  }));

  const accountingCategories: MewsObject[] = ENTERPRISE_LIST.flatMap((e) => {
    const ids = SEED.accountingCategories[e.key];
    const category = (id: string, name: string, code: string, classification: string) => ({
      Id: id,
      EnterpriseId: e.id,
      IsActive: true,
      Name: name,
      Code: code,
      ExternalCode: null,
      LedgerAccountCode: null,
      PostingAccountCode: null,
      CostCenterCode: null,
      Classification: classification,
      CreatedUtc: at,
      UpdatedUtc: at,
    });
    return [
      category(ids.deposits, 'Deposits', 'DEP', 'Accommodation'),
      category(ids.accommodation, 'Accommodation', 'ACC', 'Accommodation'),
      category(ids.payments, 'Card payments', 'PAY', 'Payments'),
    ];
  });

  const terminal = SEED.terminalCard;
  return {
    version: STATE_VERSION,
    clockOffsetMs: 0,
    customerNumberSeq: 5000,
    customers,
    creditCards: [
      {
        card: {
          Id: terminal.id,
          EnterpriseId: enterpriseByKey(terminal.enterpriseKey).id,
          CustomerId: terminal.customerId,
          IsActive: true,
          State: 'Enabled',
          Kind: 'Terminal',
          Format: 'Physical',
          Type: terminal.type,
          ObfuscatedNumber: terminal.obfuscatedNumber,
          Expiration: terminal.expiration,
          CreatedUtc: at,
          UpdatedUtc: at,
        },
        outcome: null,
      },
    ],
    payments: [],
    vault: [],
    reservations,
    bills,
    revenueItems,
    accountingCategories,
    paymentRequests: [],
    preauthorizations: [],
    requestEmails: [],
    tasks: [],
    checkoutChallenges: [],
    checkoutSettings: {
      ...DEFAULT_CHECKOUT_SETTINGS,
      applePayDomains: [...DEFAULT_CHECKOUT_SETTINGS.applePayDomains],
    },
  };
}
