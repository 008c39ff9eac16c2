/**
 * Runtime validation of the Connector API responses, limited to the fields the client reads.
 *
 * Tolerant by design (reference §4, pitfall 19): Mews adds fields and enum values often and some
 * "required" fields arrive as `null`. So objects are loose (unknown fields pass through), enums
 * are plain strings (the mapping to app enums has an `unknown` branch), and anything we do not
 * strictly need is `nullish`. What we do need (ids, amounts, currencies, states) is required: a
 * response without them is a real contract break and becomes an `invalid-response` error.
 *
 * Each shape is checked at compile time against the generated spec types (`FieldsExistInSpec`),
 * so a field we read cannot silently disappear from the spec.
 */
import { z } from 'zod';
import type { FieldsExistInSpec, WireSchemas } from './wire-types';

/** A string that parses as a date-time. Kept as text; the mapping turns it into a `Date`. */
const dateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
const id = z.string().min(1);
/** An enum Mews may extend: any string is accepted; `KnownValues` only documents the expected ones. */
const looseEnum = <const KnownValues extends readonly string[]>(_known: KnownValues) =>
  z.string() as unknown as z.ZodType<KnownValues[number] | (string & {})>;

/** `ConnectorApiExceptionResult`; every field is optional and nullable in the spec. */
export const errorBodySchema = z.looseObject({
  Message: z.string().nullish(),
  RequestId: z.string().nullish(),
});

// --- configuration/get -------------------------------------------------------------------------

const currencyAcceptanceShape = {
  Currency: z.string().min(3),
  IsDefault: z.boolean(),
  IsEnabled: z.boolean(),
};
const accountingConfigurationShape = { EnabledExternalPaymentTypes: z.array(z.string()).nullish() };
const enterpriseShape = {
  Id: id,
  ChainId: z.string().nullish(),
  Name: z.string(),
  TimeZoneIdentifier: z.string().min(1),
  Pricing: looseEnum(['Gross', 'Net'] as const),
  TaxPrecision: z.number().int().nullish(),
  DefaultLanguageCode: z.string().nullish(),
  Currencies: z.array(z.looseObject(currencyAcceptanceShape)),
  AccountingConfiguration: z.looseObject(accountingConfigurationShape).nullish(),
  IsPortfolio: z.boolean().nullish(),
};
const paymentCardStorageShape = { PublicKey: z.string().min(1) };
const configurationShape = {
  NowUtc: dateTime,
  Enterprise: z.looseObject(enterpriseShape),
  PaymentCardStorage: z.looseObject(paymentCardStorageShape).nullish(),
};
export const configurationSchema = z.looseObject(configurationShape);

// --- customers ---------------------------------------------------------------------------------

const customerShape = {
  Id: id,
  ChainId: z.string().nullish(),
  Number: z.string().nullish(),
  FirstName: z.string().nullish(),
  LastName: z.string(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  IsActive: z.boolean().nullish(),
  LanguageCode: z.string().nullish(),
  PreferredLanguageCode: z.string().nullish(),
  CreatedUtc: dateTime.nullish(),
  UpdatedUtc: dateTime.nullish(),
};
export const customerSchema = z.looseObject(customerShape);
const customerResultShape = { Customers: z.array(customerSchema), Cursor: z.string().nullish() };
export const customerResultSchema = z.looseObject(customerResultShape);

// --- credit cards ------------------------------------------------------------------------------

const creditCardShape = {
  Id: id,
  EnterpriseId: z.string().nullish(),
  CustomerId: id,
  IsActive: z.boolean().nullish(),
  State: looseEnum(['Enabled', 'Disabled'] as const).nullish(),
  Kind: looseEnum(['Terminal', 'Gateway'] as const).nullish(),
  Type: z.string().nullish(),
  ObfuscatedNumber: z.string().nullish(),
  Expiration: z.string().nullish(),
  CreatedUtc: dateTime.nullish(),
};
export const creditCardSchema = z.looseObject(creditCardShape);
const creditCardResultShape = {
  CreditCards: z.array(creditCardSchema),
  Cursor: z.string().nullish(),
};
export const creditCardResultSchema = z.looseObject(creditCardResultShape);

const addCreditCardResultShape = { CreditCardId: id };
/** `creditCards/addTokenized`: the new card's id is what we need. */
export const addTokenizedResultSchema = z.looseObject(addCreditCardResultShape);
/** `payments/addCreditCard` returns the same schema; the id is not essential there. */
export const addCreditCardPaymentResultSchema = z.looseObject({
  CreditCardId: z.string().nullish(),
});

const chargeResultShape = { PaymentId: id };
/** The spec marks no field of `ChargeCreditCardResult` required, but without the id we cannot track the charge. */
export const chargeResultSchema = z.looseObject(chargeResultShape);

// --- payments ----------------------------------------------------------------------------------

const amountShape = {
  Currency: z.string().min(3),
  NetValue: z.number().nullish(),
  GrossValue: z.number().nullish(),
};
export const amountSchema = z.looseObject(amountShape);

const paymentDataShape = {
  Discriminator: z.string(),
  CreditCard: z.looseObject({ CreditCardId: z.string().nullish() }).nullish(),
  External: z
    .looseObject({ Type: z.string().nullish(), ExternalIdentifier: z.string().nullish() })
    .nullish(),
  Alternative: z.looseObject({ Type: z.string().nullish() }).nullish(),
};
const paymentShape = {
  Id: id,
  EnterpriseId: z.string().nullish(),
  AccountId: id,
  AccountType: looseEnum(['Customer', 'Company'] as const).nullish(),
  BillId: z.string().nullish(),
  ReservationId: z.string().nullish(),
  PaymentRequestId: z.string().nullish(),
  Amount: amountSchema,
  State: looseEnum(['Charged', 'Canceled', 'Pending', 'Failed', 'Verifying'] as const),
  Type: looseEnum([
    'Payment',
    'CreditCardPayment',
    'AlternativePayment',
    'CashPayment',
    'InvoicePayment',
    'ExternalPayment',
    'GhostPayment',
    'TaxDeductedPayment',
  ] as const).nullish(),
  Kind: looseEnum(['Payment', 'Chargeback', 'ChargebackReversal', 'Refund'] as const).nullish(),
  Notes: z.string().nullish(),
  Identifier: z.string().nullish(),
  CreatedUtc: dateTime,
  UpdatedUtc: dateTime.nullish(),
  ChargedUtc: dateTime.nullish(),
  // Required in the spec, yet `null` in Mews' own examples.
  SettlementUtc: dateTime.nullish(),
  Data: z.looseObject(paymentDataShape).nullish(),
};
export const paymentSchema = z.looseObject(paymentShape);
const paymentResultShape = { Payments: z.array(paymentSchema), Cursor: z.string().nullish() };
export const paymentResultSchema = z.looseObject(paymentResultShape);

const externalPaymentResultShape = { ExternalPaymentId: id };
export const externalPaymentResultSchema = z.looseObject(externalPaymentResultShape);

const nextActionShape = { Discriminator: z.string(), Value: z.string() };
const alternativePaymentResultShape = {
  PaymentId: id,
  NextAction: z.looseObject(nextActionShape).nullish(),
};
export const alternativePaymentResultSchema = z.looseObject(alternativePaymentResultShape);

const currencyValueShape = { Currency: z.string().min(3), Value: z.number() };
const refundResultShape = {
  PaymentId: id,
  RefundId: id,
  Type: z.string().nullish(),
  Amount: z.looseObject(currencyValueShape),
  State: looseEnum(['Charged', 'Canceled', 'Pending', 'Failed', 'Verifying'] as const).nullish(),
};
export const refundResultSchema = z.looseObject(refundResultShape);

// --- reservations ------------------------------------------------------------------------------

const reservationShape = {
  Id: id,
  Number: z.string().nullish(),
  AccountId: id,
  AccountType: z.string().nullish(),
  State: z.string(),
  ScheduledStartUtc: dateTime.nullish(),
  ScheduledEndUtc: dateTime.nullish(),
  CreditCardId: z.string().nullish(),
  AssignedResourceId: z.string().nullish(),
};
export const reservationSchema = z.looseObject(reservationShape);
const reservationResultShape = {
  Reservations: z.array(reservationSchema),
  Cursor: z.string().nullish(),
};
export const reservationResultSchema = z.looseObject(reservationResultShape);

// --- resources (rooms) and order items ---------------------------------------------------------

const resourceShape = { Id: id, Name: z.string(), IsActive: z.boolean().nullish() };
export const resourceSchema = z.looseObject(resourceShape);
// `Resources` is nullable in the spec (it is only filled when `Extent.Resources` is true).
const resourceResultShape = {
  Resources: z.array(resourceSchema).nullish(),
  Cursor: z.string().nullish(),
};
export const resourceResultSchema = z.looseObject(resourceResultShape);

const orderItemShape = {
  Id: id,
  ServiceOrderId: id,
  Amount: amountSchema,
  AccountingState: looseEnum(['Open', 'Closed', 'Inactive', 'Canceled'] as const),
  CanceledUtc: dateTime.nullish(),
  BillingName: z.string().nullish(),
};
export const orderItemSchema = z.looseObject(orderItemShape);
const orderItemResultShape = { OrderItems: z.array(orderItemSchema), Cursor: z.string().nullish() };
export const orderItemResultSchema = z.looseObject(orderItemResultShape);

// --- payment requests and preauthorizations (Mews Payments Checkout) ---------------------------

const paymentRequestShape = {
  Id: id,
  AccountId: id,
  ReservationId: z.string().nullish(),
  State: looseEnum(['Pending', 'Completed', 'Canceled', 'Expired'] as const),
  Type: looseEnum(['Payment', 'Preauthorization'] as const),
  Amount: amountSchema,
  ExpirationUtc: dateTime,
  Description: z.string(),
  Notes: z.string().nullish(),
  CreatedUtc: dateTime,
  UpdatedUtc: dateTime,
};
export const paymentRequestSchema = z.looseObject(paymentRequestShape);
const paymentRequestResultShape = {
  PaymentRequests: z.array(paymentRequestSchema),
  Cursor: z.string().nullish(),
};
export const paymentRequestResultSchema = z.looseObject(paymentRequestResultShape);
const paymentRequestWriteResultShape = { PaymentRequests: z.array(paymentRequestSchema) };
export const paymentRequestWriteResultSchema = z.looseObject(paymentRequestWriteResultShape);

const preauthorizationShape = {
  Id: id,
  CreditCardId: z.string(),
  Amount: amountSchema,
  State: looseEnum(['Chargeable', 'Expired', 'Cancelled', 'Charged', 'Pending', 'Failed'] as const),
  ReservationId: z.string().nullish(),
  Code: z.string().nullish(),
  CustomerId: z.string().nullish(),
  IsActive: z.boolean().nullish(),
};
export const preauthorizationSchema = z.looseObject(preauthorizationShape);
const preauthorizationResultShape = { Preauthorizations: z.array(preauthorizationSchema) };
export const preauthorizationResultSchema = z.looseObject(preauthorizationResultShape);

export type WireConfiguration = z.infer<typeof configurationSchema>;
export type WireCustomer = z.infer<typeof customerSchema>;
export type WireCreditCard = z.infer<typeof creditCardSchema>;
export type WirePayment = z.infer<typeof paymentSchema>;
export type WireAmount = z.infer<typeof amountSchema>;
export type WireReservation = z.infer<typeof reservationSchema>;
export type WireResource = z.infer<typeof resourceSchema>;
export type WireOrderItem = z.infer<typeof orderItemSchema>;
export type WirePaymentRequest = z.infer<typeof paymentRequestSchema>;
export type WirePreauthorization = z.infer<typeof preauthorizationSchema>;

// --- compile-time drift checks against the official spec ----------------------------------------
// Each line fails to compile if a field we read is not (or no longer) in the spec's schema.

type S = WireSchemas;
export const specFieldChecks: Record<string, true> = {
  errorBody: true satisfies FieldsExistInSpec<
    { Message: unknown; RequestId: unknown },
    S['ConnectorApiExceptionResult']
  >,
  configuration: true satisfies FieldsExistInSpec<typeof configurationShape, S['Configuration']>,
  enterprise: true satisfies FieldsExistInSpec<typeof enterpriseShape, S['Enterprise']>,
  currencyAcceptance: true satisfies FieldsExistInSpec<
    typeof currencyAcceptanceShape,
    S['CurrencyAcceptance']
  >,
  accountingConfiguration: true satisfies FieldsExistInSpec<
    typeof accountingConfigurationShape,
    S['AccountingConfiguration']
  >,
  paymentCardStorage: true satisfies FieldsExistInSpec<
    typeof paymentCardStorageShape,
    S['PaymentCardStorage']
  >,
  customer: true satisfies FieldsExistInSpec<typeof customerShape, S['Customer']>,
  customerResult: true satisfies FieldsExistInSpec<typeof customerResultShape, S['CustomerResult']>,
  creditCard: true satisfies FieldsExistInSpec<typeof creditCardShape, S['CreditCard']>,
  creditCardResult: true satisfies FieldsExistInSpec<
    typeof creditCardResultShape,
    S['CreditCardResult']
  >,
  addCreditCardResult: true satisfies FieldsExistInSpec<
    typeof addCreditCardResultShape,
    S['AddCreditCardResult']
  >,
  chargeResult: true satisfies FieldsExistInSpec<
    typeof chargeResultShape,
    S['ChargeCreditCardResult']
  >,
  amount: true satisfies FieldsExistInSpec<typeof amountShape, S['Amount']>,
  paymentData: true satisfies FieldsExistInSpec<typeof paymentDataShape, S['PaymentData']>,
  payment: true satisfies FieldsExistInSpec<typeof paymentShape, S['Payment']>,
  paymentResult: true satisfies FieldsExistInSpec<typeof paymentResultShape, S['PaymentResult']>,
  externalPaymentResult: true satisfies FieldsExistInSpec<
    typeof externalPaymentResultShape,
    S['AddExternalPaymentResult']
  >,
  alternativePaymentResult: true satisfies FieldsExistInSpec<
    typeof alternativePaymentResultShape,
    S['AlternativePaymentResult']
  >,
  nextAction: true satisfies FieldsExistInSpec<typeof nextActionShape, S['NextAction']>,
  currencyValue: true satisfies FieldsExistInSpec<typeof currencyValueShape, S['CurrencyValue']>,
  refundResult: true satisfies FieldsExistInSpec<
    typeof refundResultShape,
    S['PaymentRefundResult']
  >,
  reservation: true satisfies FieldsExistInSpec<typeof reservationShape, S['Reservation']>,
  reservationResult: true satisfies FieldsExistInSpec<
    typeof reservationResultShape,
    S['ReservationServiceOrderResult']
  >,
  resource: true satisfies FieldsExistInSpec<typeof resourceShape, S['Resource']>,
  resourceResult: true satisfies FieldsExistInSpec<typeof resourceResultShape, S['ResourceResult']>,
  orderItem: true satisfies FieldsExistInSpec<typeof orderItemShape, S['OrderItem']>,
  orderItemResult: true satisfies FieldsExistInSpec<
    typeof orderItemResultShape,
    S['OrderItemResult']
  >,
  paymentRequest: true satisfies FieldsExistInSpec<typeof paymentRequestShape, S['PaymentRequest']>,
  paymentRequestResult: true satisfies FieldsExistInSpec<
    typeof paymentRequestResultShape,
    S['PaymentRequestResult']
  >,
  paymentRequestAdditionResult: true satisfies FieldsExistInSpec<
    typeof paymentRequestWriteResultShape,
    S['PaymentRequestAdditionResult']
  >,
  preauthorization: true satisfies FieldsExistInSpec<
    typeof preauthorizationShape,
    S['Preauthorization']
  >,
  preauthorizationResult: true satisfies FieldsExistInSpec<
    typeof preauthorizationResultShape,
    S['PreauthorizationResult']
  >,
};
