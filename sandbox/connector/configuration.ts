import { SEED } from '../seed';
import type { OperationHandler } from './context';
import { invalid, str } from './context';

export const getConfiguration: OperationHandler = (body, ctx) => {
  const e = ctx.enterprise;
  const enterpriseId = str(body, 'EnterpriseId');
  // Single-enterprise tokens ignore EnterpriseId in Mews only when it is their own enterprise;
  // a portfolio token's EnterpriseId has already chosen `ctx.enterprise` (access.ts).
  if (enterpriseId !== null && enterpriseId !== e.id) throw invalid('EnterpriseId');
  return {
    NowUtc: ctx.store.nowUtc(),
    Enterprise: {
      Id: e.id,
      ExternalIdentifier: null,
      HoldingKey: null,
      ChainId: e.chainId,
      ChainName: e.chainName,
      CreatedUtc: SEED.seedTimeUtc,
      UpdatedUtc: SEED.seedTimeUtc,
      Name: e.name,
      ShortName: null,
      TimeZoneIdentifier: e.timeZone,
      LegalEnvironmentCode: e.legalEnvironmentCode,
      AccommodationEnvironmentCode: e.legalEnvironmentCode,
      AccountingEnvironmentCode: e.legalEnvironmentCode,
      TaxEnvironmentCode: e.taxEnvironmentCode,
      DefaultLanguageCode: e.defaultLanguageCode,
      EditableHistoryInterval: 'P0Y0M2DT0H0M0S',
      AccountingEditableHistoryInterval: 'P0Y0M2DT0H0M0S',
      OperationalEditableHistoryInterval: 'P0Y0M2DT0H0M0S',
      BusinessDayClosingOffset: null,
      WebsiteUrl: 'https://www.example.com/',
      Email: 'frontdesk@example.com',
      Phone: '+44 20 7946 0000',
      LogoImageId: null,
      CoverImageId: null,
      Pricing: e.pricing,
      TaxPrecision: null,
      AddressId: e.addressId,
      Address: {
        Id: e.addressId,
        Line2: null,
        CountrySubdivisionCode: null,
        Latitude: null,
        Longitude: null,
        ...e.address,
      },
      GroupNames: [],
      Subscription: { TaxIdentifier: null },
      Currencies: e.currencies,
      AccountingConfiguration: {
        AdditionalTaxIdentifier: null,
        CompanyName: e.name,
        BankAccountNumber: null,
        BankName: null,
        Iban: null,
        Bic: null,
        SurchargeConfiguration: {
          SurchargeFees: {},
          SurchargeServiceId: null,
          SurchargeTaxCode: null,
        },
        EnabledExternalPaymentTypes: e.enabledExternalPaymentTypes,
        Options: ['SeparateDepositsOnBill'],
      },
      // A portfolio token without EnterpriseId reads the placeholder enterprise (reference §1.3).
      IsPortfolio: e.key === 'portfolio',
    },
    PaymentCardStorage: e.publicKey === null ? null : { PublicKey: e.publicKey },
    IsIdentityDocumentNumberRequired: false,
  };
};
