/**
 * Connector API types for the operations listed in lib/mews/operation-catalog.ts, generated from
 * the official OpenAPI document (lib/mews/spec/mews-connector-openapi.yaml) by
 * lib/mews/spec/generate-types.ts. Do not edit: run `npm run mews:types`.
 */

export interface paths {
    "/api/connector/v1/configuration/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get configuration */
        post: operations["configuration_get"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/customers/getAll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all customers */
        post: operations["customers_getAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/customers/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add customer */
        post: operations["customers_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/creditCards/getAll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all credit cards */
        post: operations["creditCards_getAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/creditCards/addTokenized": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add tokenized credit card */
        post: operations["creditCards_addTokenized"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/creditCards/charge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Charge credit card */
        post: operations["creditCards_charge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/payments/addCreditCard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add credit card payment */
        post: operations["payments_addCreditCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/payments/addExternal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add external payment */
        post: operations["payments_addExternal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/payments/addAlternative": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add alternative payment */
        post: operations["payments_addAlternative"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/payments/getAll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all payments */
        post: operations["payments_getAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/payments/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund payment */
        post: operations["payments_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/reservations/getAll/2023-06-06": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all reservations (ver 2023-06-06) */
        post: operations["reservations_getAll_2023-06-06"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/resources/getAll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all resources */
        post: operations["resources_getAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/orderItems/getAll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all order items */
        post: operations["orderItems_getAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/paymentRequests/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add payment requests */
        post: operations["paymentRequests_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/paymentRequests/getAll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all payment requests */
        post: operations["paymentRequests_getAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/paymentRequests/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel payment requests */
        post: operations["paymentRequests_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connector/v1/preauthorizations/getAllByCustomers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get all preauthorizations by customers */
        post: operations["preauthorizations_getAllByCustomers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Account type
         * @description A discriminator specifying the account type, e.g. `Customer` or `Company`
         * @enum {string}
         */
        AccountType: "Company" | "Customer";
        /**
         * Account type
         * @description A discriminator specifying the account type, e.g. `Customer` or `Company`
         *
         *     Company
         *
         *     Customer
         * @enum {string}
         */
        AccountTypeEnum: "Company" | "Customer";
        /** Accounting configuration */
        AccountingConfiguration: {
            /** @description Organization number. */
            AdditionalTaxIdentifier?: string | null;
            /** @description Legal name of the company. */
            CompanyName?: string | null;
            /** @description Bank account number. */
            BankAccountNumber?: string | null;
            /** @description Name of the bank. */
            BankName?: string | null;
            /** @description International Bank Account Number. */
            Iban?: string | null;
            /** @description Business Identification Code. */
            Bic?: string | null;
            /**
             * Surcharging fees configuration
             * @description Configuration for surcharging fees.
             */
            SurchargeConfiguration: components["schemas"]["SurchargeConfiguration"];
            /** @description External payment types that are enabled for the enterprise and can be used in `payments/addExternal`. */
            EnabledExternalPaymentTypes: components["schemas"]["ExternalPaymentTypeEnum"][];
            /** @description Accounting configuration options. */
            Options: components["schemas"]["AccountingConfigurationOptionEnum"][];
        };
        /**
         * Accounting configuration option
         * @description OptionalCreditCardPaymentDetails (Optional credit card payment details)
         *
         *     ReceivableTrackingEnabled (Receivable tracking enabled)
         *
         *     SeparateDepositsOnBill (Separate deposits on bill)
         *
         *     AllowModifyingClosedBills (Allow modifying closed bills)
         *
         *     RequireAccountingCategorySetup (Require accounting category setup)
         *
         *     GroupTaxesOnBill (Group taxes on bill)
         *
         *     DisplayEmployeeNameOnBill (Display employee name on bill)
         *
         *     TaxDeclarationOnDeposit (Tax declaration on deposit)
         *
         *     SplitVatByClassificationOnBill (Split VAT by classification on bill)
         *
         *     EmailClosedBillsAfterCheckout (Send system closed bills automatically after checkout)
         * @enum {string}
         */
        AccountingConfigurationOptionEnum: "OptionalCreditCardPaymentDetails" | "ReceivableTrackingEnabled" | "SeparateDepositsOnBill" | "AllowModifyingClosedBills" | "RequireAccountingCategorySetup" | "GroupTaxesOnBill" | "DisplayEmployeeNameOnBill" | "TaxDeclarationOnDeposit" | "SplitVatByClassificationOnBill" | "EmailClosedBillsAfterCheckout";
        /**
         * Order item accounting state
         * @enum {string}
         */
        AccountingState: "Open" | "Closed" | "Inactive" | "Canceled";
        /**
         * Order item accounting state
         * @description Open (Order items which carry a non-zero value, are open, and have not been closed on a bill or invoice.)
         *
         *     Closed (Order items which carry a non-zero value and have been closed on a bill or invoice.)
         *
         *     Inactive (Order items which are either of zero value and have not been canceled, if the state of the payment item is Pending or Failed, or items of optional reservations. Until the reservation is confirmed, all its accounting items are Inactive.)
         *
         *     Canceled (Order items which have been canceled, regardless of whether the item is of zero value.)
         * @enum {string}
         */
        AccountingStateEnum: "Open" | "Closed" | "Inactive" | "Canceled";
        /**
         * Activity state
         * @description Activity states used for filtering.
         * @enum {string}
         */
        ActivityStates: "Deleted" | "Active";
        /** AddCreditCardResult */
        AddCreditCardResult: {
            /**
             * Format: uuid
             * @description Unique identifier of the `CreditCard`.
             */
            CreditCardId?: string;
        };
        /** AddExternalPaymentResult */
        AddExternalPaymentResult: {
            /**
             * Format: uuid
             * @description Unique identifier of the [Payment item](https://mews-systems.gitbook.io/connector-api/operations/accountingitems/#payment-item).
             */
            ExternalPaymentId?: string;
        };
        /** Additional service data */
        AdditionalServiceData: {
            /** @description Promotions of the service. */
            Promotions: components["schemas"]["Promotions"];
        };
        /**
         * Address parameters
         * @description New address details.
         */
        AddressParameters: {
            /** @description First line of the address. */
            Line1?: string | null;
            /** @description Second line of the address. */
            Line2?: string | null;
            /** @description The city. */
            City?: string | null;
            /**
             * Format: postal-code
             * @description Postal code.
             */
            PostalCode?: string | null;
            /** @description ISO 3166-1 code of the Country. */
            CountryCode?: string | null;
            /** @description ISO 3166-2 code of the administrative division, e.g. DE-BW */
            CountrySubdivisionCode?: string | null;
        };
        /**
         * Allowance profit type
         * @description AllowanceBreakage (Profit of the allowance product.)
         *
         *     AllowanceContraBreakage (Accounting balance for profit of the allowance product.)
         *
         *     AllowanceLoss (Loss of the allowance product.)
         *
         *     AllowanceContraLoss (Accounting balance for loss of the allowance product.)
         * @enum {string}
         */
        AllowanceProfitTypeEnum: "AllowanceBreakage" | "AllowanceContraBreakage" | "AllowanceLoss" | "AllowanceContraLoss";
        /**
         * Alternative payment methods
         * @enum {string}
         */
        AlternativePaymentMethodDeprecated: "Ideal" | "ApplePay" | "GooglePay";
        /**
         * Alternative payment method data discriminator
         * @description Ideal (iDEAL data.)
         *
         *     ApplePay (No additional data.)
         *
         *     GooglePay (No additional data.)
         *
         *     SepaDirectDebit (SEPA Direct Debit data.)
         * @enum {string}
         */
        AlternativePaymentMethodEnum: "Ideal" | "ApplePay" | "GooglePay" | "SepaDirectDebit";
        /**
         * Alternative payment method type
         * @description Ideal (iDEAL)
         *
         *     ApplePay (Apple Pay)
         *
         *     GooglePay (Google Pay)
         *
         *     SepaDirectDebit (SEPA Direct Debit)
         *
         *     PayPal (PayPal)
         *
         *     WireTransfer (Wire transfer)
         * @enum {string}
         */
        AlternativePaymentMethodTypeEnum: "Ideal" | "ApplePay" | "GooglePay" | "SepaDirectDebit" | "PayPal" | "WireTransfer";
        /** AlternativePaymentParameters */
        AlternativePaymentParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Customer](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer).
             */
            CustomerId: string;
            /**
             * Amount parameters
             * @description Price of the product that overrides the price defined in Mews.
             */
            Amount: components["schemas"]["AmountParameters"];
            /**
             * @deprecated
             * @description Payment method to use for the alternative payment.
             */
            Method?: components["schemas"]["AlternativePaymentMethodDeprecated"] | null;
            /**
             * Format: uri
             * @deprecated
             * @description URL where the customer will be redirected after completing their payment.
             */
            RedirectUrl?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the reservation the payment belongs to.
             */
            ReservationId?: string | null;
            /**
             * Alternative payment method data
             * @description Data specific to particular alternative payment method.
             */
            Data: components["schemas"]["AlternativePaymentsData"];
        };
        /** AlternativePaymentResult */
        AlternativePaymentResult: {
            /**
             * Format: uuid
             * @description Unique identifier of the created payment.
             */
            PaymentId: string;
            /**
             * Alternative payment next action
             * @description Next action to take in order to complete the payment.
             */
            NextAction?: components["schemas"]["NextAction"] | null;
        };
        /** Alternative payment method data */
        AlternativePaymentsData: {
            /**
             * Alternative payment method data discriminator
             * @description Type of alternative payment method (e.g. `Ideal`).
             *
             *     Ideal (iDEAL data.)
             *
             *     ApplePay (No additional data.)
             *
             *     GooglePay (No additional data.)
             *
             *     SepaDirectDebit (SEPA Direct Debit data.)
             */
            Discriminator: components["schemas"]["AlternativePaymentMethodEnum"];
            /**
             * SEPA Direct Debit data
             * @description SEPA Direct Debit payment method data. Required when `Discriminator` is `SepaDirectDebit`.
             */
            SepaDirectDebit?: components["schemas"]["SepaDirectDebitData"] | null;
            /**
             * iDEAL data
             * @description iDEAL payment method data. Required when `Discriminator` is `Ideal`.
             */
            Ideal?: components["schemas"]["IdealData"] | null;
        };
        /** Amount */
        Amount: {
            /**
             * Format: currency
             * @description ISO-4217 code of the [Currency](https://mews-systems.gitbook.io/connector-api/operations/currencies/#currency).
             */
            Currency: string;
            /**
             * Format: double
             * @description Net value without taxes.
             */
            NetValue: number;
            /**
             * Format: double
             * @description Gross value including all taxes.
             */
            GrossValue: number;
            /** @description The tax values applied. */
            TaxValues: components["schemas"]["TaxValue"][];
            /**
             * Tax breakdown
             * @description Information about individual tax amounts.
             */
            Breakdown: components["schemas"]["TaxBreakdown"];
        };
        /**
         * Amount parameters
         * @description Price of the product that overrides the price defined in Mews.
         */
        AmountParameters: {
            /** Format: currency */
            Currency: string;
            TaxCodes: string[];
            /** Format: double */
            NetValue?: number | null;
            /** Format: double */
            GrossValue?: number | null;
        };
        /** Bookable service data */
        BookableServiceData: {
            /** @description Offset from the start of the [time unit](https://mews-systems.gitbook.io/connector-api/concepts/time-units/) which defines the default start of the service; expressed in ISO 8601 duration format. */
            StartOffset: string;
            /** @description Offset from the end of the [time unit](https://mews-systems.gitbook.io/connector-api/concepts/time-units/) which defines the default end of the service; expressed in ISO 8601 duration format. */
            EndOffset: string;
            /** @description Offset from the start of the [time unit](https://mews-systems.gitbook.io/connector-api/concepts/time-units/) which defines the occupancy start of the service; expressed in ISO 8601 duration format. 'Occupancy start' is used for availability and reporting purposes, it implies the time at which the booked resource is considered occupied. */
            OccupancyStartOffset: string;
            /** @description Offset from the end of the [time unit](https://mews-systems.gitbook.io/connector-api/concepts/time-units/) which defines the occupancy end of the service; expressed in ISO 8601 duration format. 'Occupancy end' is used for availability and reporting purposes, it implies the time at which the booked resource is no longer considered occupied. */
            OccupancyEndOffset: string;
            /**
             * Time unit period
             * @deprecated
             * @description Day
             *
             *     Month
             *
             *     Hour
             */
            TimeUnit: components["schemas"]["TimeUnitPeriodEnum"];
            /**
             * Time unit period
             * @description The length of time or period represented by a [time unit](https://mews-systems.gitbook.io/connector-api/concepts/time-units/), for which the service can be booked.
             *
             *     Day
             *
             *     Month
             *
             *     Hour
             */
            TimeUnitPeriod: components["schemas"]["TimeUnitPeriodEnum"];
        };
        /** CreditCard payment data */
        ChargeCreditCardParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `CreditCard`.
             */
            CreditCardId: string;
            /** @description Identifier of the payment receipt. */
            ReceiptIdentifier?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `AccountingCategory`.
             */
            AccountingCategoryId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the reservation the payment belongs to.
             */
            ReservationId?: string | null;
            /**
             * Amount parameters
             * @description Amount of the credit card payment.
             */
            Amount: components["schemas"]["ExtendedAmountParameters"];
            /** @description Additional payment notes. */
            Notes?: string | null;
        };
        /** ChargeCreditCardResult */
        ChargeCreditCardResult: {
            /**
             * Format: uuid
             * @description Unique identifier of the `Payment` item.
             */
            PaymentId?: string;
        };
        /** Configuration */
        Configuration: {
            /**
             * Format: date-time
             * @description Current server date and time in UTC timezone in ISO 8601 format.
             */
            NowUtc: string;
            /**
             * Enterprise
             * @description The enterprise (e.g. hotel, hostel) associated with the access token.
             */
            Enterprise: components["schemas"]["Enterprise"];
            /** @description The reservable service (e.g. accommodation, parking) associated with the access token of the service scoped integration. */
            Service?: components["schemas"]["Service"] | null;
            /**
             * Payment card storage
             * @description Contains information about payment card storage.
             */
            PaymentCardStorage?: components["schemas"]["PaymentCardStorage"] | null;
            /** @description Whether the identity documents for this enterprise include the value of identity document number as required by the legal environment. When `false`, the number is not required, and an empty string can be used in write operations. In read operations, an empty string is returned when an empty string was provided for the number. */
            IsIdentityDocumentNumberRequired?: boolean;
        };
        /** ConfigurationFilterParameters */
        ConfigurationFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Enterprise](https://mews-systems.gitbook.io/connector-api/operations/#enterprise), defaults to the enterprise associated with the given access token.
             */
            EnterpriseId?: string | null;
        };
        /** ConnectorApiExceptionResult */
        ConnectorApiExceptionResult: {
            Message?: string | null;
            RequestId?: string | null;
            Details?: unknown;
        };
        /** Credit card */
        CreditCard: {
            /**
             * Format: uuid
             * @description Unique identifier of the credit card.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Enterprise`.
             */
            EnterpriseId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the credit card owner (`Customer`).
             */
            CustomerId: string;
            /** @description Whether the credit card is still active. */
            IsActive: boolean;
            State: components["schemas"]["CreditCardState"];
            Kind: components["schemas"]["CreditCardKind"];
            Format: components["schemas"]["CreditCardFormat"];
            /** @description Type of the credit card. */
            Type?: components["schemas"]["CreditCardType"] | null;
            /** @description Obfuscated credit card number. At most first six digits and last four digits can be specified, otherwise the digits are replaced with `*`. */
            ObfuscatedNumber?: string | null;
            /** @description Expiration of the credit card in format `MM/YYYY`. */
            Expiration?: string | null;
            /**
             * Format: date-time
             * @description Creation date and time of the credit card in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the credit card in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
        };
        /** Credit card data */
        CreditCardData: {
            /** @description Identifier of credit card data in PCI storage (`transactionId`). */
            StorageData: string;
            /** @description Expiration of the credit card in format `yyyy-MM`. */
            Expiration: string;
        };
        /** CreditCardFilterParameters */
        CreditCardFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Limitation on the quantity of data returned and optional Cursor for the starting point of data. */
            Limitation: components["schemas"]["Limitation"];
            /** @description Unique identifiers of the Enterprises. If not specified, the operation returns data for all enterprises within scope of the Access Token. */
            EnterpriseIds?: string[] | null;
            /** @description Unique identifiers of the `CreditCard`. Required if no other filter is provided. */
            CreditCardIds?: string[] | null;
            /** @description Unique identifiers of the `Customer`. */
            CustomerIds?: string[] | null;
            /**
             * Time interval
             * @description Interval in which `CreditCard` was updated.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
        };
        /**
         * Credit card format
         * @description Format of the credit card.
         * @enum {string}
         */
        CreditCardFormat: "Physical" | "Virtual";
        /**
         * Credit card kind
         * @description Kind of the credit card.
         * @enum {string}
         */
        CreditCardKind: "Terminal" | "Gateway";
        /** Credit card parameters */
        CreditCardParameters: {
            /** @description Type of the credit card, one of: `Visa`, `MasterCard`, `Amex`, `Discover`, `DinersClub`, `Jcb`, `EnRoute`, `Maestro`, `UnionPay`. */
            Type: string;
            /** @description Obfuscated credit card number. At most first six digits and last four digits can be specified, the digits in between should be replaced with `*`. It is possible to provide even more obfuscated number or just last four digits. **Never provide full credit card number**. For example `411111******1111`. */
            Number: string;
            /** @description Expiration of the credit card in format `MM/YYYY`, e.g. `12/2016` or `04/2017`. */
            Expiration?: string | null;
            /** @description Name of the card holder. */
            Name: string;
        };
        /** CreditCardPaymentParameters */
        CreditCardPaymentParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of an open bill of the customer where to assign the payment.
             */
            BillId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of an [Accounting category](https://mews-systems.gitbook.io/connector-api/operations/accountingcategories/#accounting-category) to be assigned to the credit card payment.
             */
            AccountingCategoryId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the reservation the payment belongs to.
             */
            ReservationId?: string | null;
            /**
             * Amount parameters
             * @description Amount of the credit card payment.
             */
            Amount: components["schemas"]["ExtendedAmountParameters"];
            /** @description Additional payment notes. */
            Notes?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the [Customer](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer).
             */
            CustomerId: string;
            /** Credit card parameters */
            CreditCard: components["schemas"]["CreditCardParameters"];
            /** @description Identifier of the payment receipt. */
            ReceiptIdentifier?: string | null;
        };
        /** CreditCardResult */
        CreditCardResult: {
            /** @description The credit cards. */
            CreditCards: components["schemas"]["CreditCard"][];
            /**
             * Format: uuid
             * @description Unique identifier of the item one newer in time order than the items to be returned. If Cursor is not specified, i.e. null, then the latest or most recent items will be returned.
             */
            Cursor?: string | null;
        };
        /**
         * Credit card state
         * @description State of the credit card.
         * @enum {string}
         */
        CreditCardState: "Enabled" | "Disabled";
        /** Credit card transaction */
        CreditCardTransaction: {
            /**
             * Format: uuid
             * @description Unique identifier of the `PaymentItem`.
             */
            PaymentId: string;
            /** @description Identifier of the settlement. */
            SettlementId?: string | null;
            /**
             * Format: date-time
             * @description Settlement date and time in UTC timezone in ISO 8601 format.
             */
            SettledUtc?: string | null;
            /**
             * Extended amount
             * @description Transaction fee - this includes an estimate of bank charges.
             */
            Fee?: components["schemas"]["ExtendedAmount"] | null;
            /**
             * Extended amount
             * @description Transaction fee (adjusted) - this is the final confirmed transaction fee, including confirmed bank charges.
             */
            AdjustedFee?: components["schemas"]["ExtendedAmount"] | null;
            /**
             * Extended amount
             * @description Charged amount of the transaction.
             */
            ChargedAmount: components["schemas"]["ExtendedAmount"];
            /**
             * Extended amount
             * @description Settled amount of the transaction.
             */
            SettledAmount?: components["schemas"]["ExtendedAmount"] | null;
        };
        /**
         * Credit card type
         * @enum {string}
         */
        CreditCardType: "MasterCard" | "Visa" | "Amex" | "Discover" | "DinersClub" | "Jcb" | "Maestro" | "UnionPay" | "VPay" | "RuPay" | "Dankort" | "Mir" | "Verve" | "Troy" | "PostFinance" | "Giro" | "Bancomat" | "Bc" | "CarteBleue" | "Eftpos" | "Eps" | "Interac" | "Isracard" | "Meps" | "Nets" | "Bancontact";
        /** Accepted currency */
        CurrencyAcceptance: {
            /**
             * Format: currency
             * @description ISO-4217 code of the `Currency`.
             */
            Currency: string;
            /** @description Whether the currency is a default accounting currency. */
            IsDefault: boolean;
            /** @description Whether the currency is enabled for usage. */
            IsEnabled: boolean;
        };
        /**
         * Currency value (ver 2023-02-02)
         * @description Absolute value of the fee.
         */
        CurrencyValue: {
            /**
             * Format: currency
             * @description ISO-4217 code of the `Currency`.
             */
            Currency: string;
            /**
             * Format: double
             * @description Amount in the currency.
             */
            Value: number;
        };
        /** Customer */
        Customer: {
            /**
             * Format: uuid
             * @description Unique identifier of the customer.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the chain.
             */
            ChainId: string;
            /** @description Unique number of the customer (max 19 digits). */
            Number: string;
            /**
             * @description Title of the customer.
             *
             *     Mister (Mr.)
             *
             *     Miss (Ms.)
             *
             *     Misses (Mrs.)
             */
            Title?: components["schemas"]["Title"] | null;
            /**
             * @description Sex of the customer.
             *
             *     Male
             *
             *     Female
             */
            Sex?: components["schemas"]["SexEnum"] | null;
            /** @description First name of the customer. */
            FirstName?: string | null;
            /** @description Last name of the customer. */
            LastName: string;
            /** @description Second last name of the customer. */
            SecondLastName?: string | null;
            /** @description ISO 3166-1 code of the [Country](https://mews-systems.gitbook.io/connector-api/operations/countries/#country). */
            NationalityCode?: string | null;
            /** @description Language and culture code of the customer's preferred language, according to their profile. For example: `en-GB`, `fr-CA`. */
            PreferredLanguageCode?: string | null;
            /** @description Language and culture code of the customer's language, based on multiple sources. These sources include the preferred language specified in internal data based on previous bookings, and the preferred language of the customer specified in their profile. If neither of these sources are present, we use the native language based on the customer's nationality. The format is, for example, `en-US` or `fr-FR`. */
            LanguageCode?: string | null;
            /** @description Date of birth in ISO 8601 format. */
            BirthDate?: string | null;
            /** @description ISO 3166-1 alpha-2 code of the birth country. */
            BirthCountryCode?: string | null;
            /** @description ISO 3166-2 code of the administrative division, e.g. ES-C. */
            BirthCountrySubdivisionCode?: string | null;
            /** @description Place of birth. */
            BirthPlace?: string | null;
            /** @description Occupation of the customer. */
            Occupation?: string | null;
            /** @description Email address of the customer. */
            Email?: string | null;
            /** @description Whether the customer's email address is a temporary email address from an OTA. For more details, see the [product documentation](https://help.mews.com/s/article/how-to-maintain-ota-guest-profiles-with-verified-email-addresses-obtained-from-the-guest-portal). */
            HasOtaEmail?: boolean;
            /** @description Phone number of the customer (possibly mobile). */
            Phone?: string | null;
            /** @description Tax identification number of the customer. */
            TaxIdentificationNumber?: string | null;
            /** @description Loyalty code of the customer. */
            LoyaltyCode?: string | null;
            /** @description Accounting code of the customer. */
            AccountingCode?: string | null;
            /** @description Billing code of the customer. */
            BillingCode?: string | null;
            /** @description Internal notes about the customer. */
            Notes?: string | null;
            /** @description Registration number of the customer's car. */
            CarRegistrationNumber?: string | null;
            /** @description Customer's dietary requirements, e.g. Vegan, Halal. */
            DietaryRequirements?: string | null;
            /**
             * Format: date-time
             * @description Creation date and time of the customer in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the customer in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
            /**
             * Identity document
             * @deprecated
             */
            Passport?: components["schemas"]["IdentityDocument"] | null;
            /**
             * Identity document
             * @deprecated
             */
            IdentityCard?: components["schemas"]["IdentityDocument"] | null;
            /**
             * Identity document
             * @deprecated
             */
            Visa?: components["schemas"]["IdentityDocument"] | null;
            /**
             * Identity document
             * @deprecated
             */
            DriversLicense?: components["schemas"]["IdentityDocument"] | null;
            /**
             * Address
             * @deprecated
             */
            Address?: components["schemas"]["OldAddress"] | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Address` of the customer.
             */
            AddressId?: string | null;
            /** @description Classifications of the customer. */
            Classifications: components["schemas"]["CustomerClassificationEnum"][];
            /** @description Options of the customer. */
            Options: components["schemas"]["CustomerOptionsEnum"][];
            /** @description Value of Italian destination code. */
            ItalianDestinationCode?: string | null;
            /** @description Value of Italian fiscal code. */
            ItalianFiscalCode?: string | null;
            /** @description Italian lottery code. */
            ItalianLotteryCode?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of [Company](https://mews-systems.gitbook.io/connector-api/operations/companies/#company) the customer is associated with.
             */
            CompanyId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the account ([Customer](https://mews-systems.gitbook.io/connector-api/operations/#customer)) to which this customer is linked.
             */
            MergeTargetId?: string | null;
            /**
             * @deprecated
             * @description [Activity State](https://mews-systems.gitbook.io/connector-api/operations/#activity-state) of customer record, i.e. whether active or deleted.
             */
            ActivityState?: string | null;
            /** @description Whether the customer record is still active. */
            IsActive: boolean;
            /** @description A list of room preferences, such as view type, bed type, and amenities. */
            PreferredSpaceFeatures: components["schemas"]["ResourceFeatureClassification"][];
            /**
             * Format: uuid
             * @description Unique identifier of the user who created the customer.
             */
            CreatorProfileId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the user who last updated the customer.
             */
            UpdaterProfileId: string;
        };
        /** CustomerAddParameters */
        CustomerAddParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Title prefix of the customer. */
            Title?: components["schemas"]["Title"] | null;
            /** @description First name of the customer. */
            FirstName?: string | null;
            /** @description Last name of the customer. */
            LastName: string;
            /** @description Second last name of the customer. */
            SecondLastName?: string | null;
            /** @description ISO 3166-1 code of the `Country`. */
            NationalityCode?: string | null;
            /** @description Language and culture code of the customer's preferred language, according to their profile. For example: `en-GB`, `fr-CA`. */
            PreferredLanguageCode?: string | null;
            /** @description Sex of the customer. */
            Sex?: components["schemas"]["Sex"] | null;
            /**
             * Format: date
             * @description Date of birth in ISO 8601 format.
             */
            BirthDate?: string | null;
            /** @description Country of birth. */
            BirthCountryCode?: string | null;
            /** @description Province of birth. */
            BirthCountrySubdivisionCode?: string | null;
            /** @description Place of birth. */
            BirthPlace?: string | null;
            /** @description Occupation of the customer. */
            Occupation?: string | null;
            /**
             * Format: email
             * @description Email address of the customer.
             */
            Email?: string | null;
            /**
             * Format: tel
             * @description Phone number of the customer (possibly mobile).
             */
            Phone?: string | null;
            /** @description Loyalty code of the customer. */
            LoyaltyCode?: string | null;
            /** @description Internal notes about the customer. */
            Notes?: string | null;
            /** @description Registration number of the customer's car. */
            CarRegistrationNumber?: string | null;
            /** @description Customer's dietary requirements, e.g. Vegan, Halal. */
            DietaryRequirements?: string | null;
            /** @description Tax identification number of the customer. */
            TaxIdentificationNumber?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of `Company` the customer is associated with.
             */
            CompanyId?: string | null;
            /**
             * Address parameters
             * @description Address of the customer.
             */
            Address?: components["schemas"]["AddressParameters"] | null;
            /**
             * Identity document parameters
             * @deprecated
             * @description Identity card details of the customer.
             */
            IdentityCard?: components["schemas"]["DocumentParameters"] | null;
            /**
             * Identity document parameters
             * @deprecated
             * @description Passport details of the customer.
             */
            Passport?: components["schemas"]["DocumentParameters"] | null;
            /**
             * Identity document parameters
             * @deprecated
             * @description Visa details of the customer.
             */
            Visa?: components["schemas"]["DocumentParameters"] | null;
            /**
             * Identity document parameters
             * @deprecated
             * @description Drivers license details of the customer.
             */
            DriversLicense?: components["schemas"]["DocumentParameters"] | null;
            /** @description Classifications of the customer. */
            Classifications?: components["schemas"]["CustomerClassificationEnum"][] | null;
            /** @description Options of the customer. */
            Options?: components["schemas"]["CustomerOptionEnum"][] | null;
            /**
             * Format: uuid
             * @description Unique identifier of the chain. Required when using `PortfolioAccessTokens`, ignored otherwise.
             */
            ChainId?: string | null;
            /** @description Whether an existing customer should be overwritten in case of duplicity. This applies only to basic personal information (`Title`, `FirstName`, `LastName`, ...). */
            OverwriteExisting: boolean;
            /** @description Value of Italian destination code. */
            ItalianDestinationCode?: string | null;
            /** @description Value of Italian fiscal code. */
            ItalianFiscalCode?: string | null;
            /** @description Value of Italian lottery code. */
            ItalianLotteryCode?: string | null;
        };
        /**
         * Customer classification
         * @description PaymasterAccount
         *
         *     Blacklist (Deprecated, use Blocklist instead.)
         *
         *     Media
         *
         *     LoyaltyProgram
         *
         *     PreviousComplaint
         *
         *     Returning
         *
         *     Staff
         *
         *     FriendOrFamily
         *
         *     TopManagement
         *
         *     Important
         *
         *     VeryImportant
         *
         *     Problematic
         *
         *     Cashlist
         *
         *     DisabledPerson
         *
         *     Military
         *
         *     Airline
         *
         *     HealthCompliant
         *
         *     InRoom
         *
         *     WaitingForRoom
         *
         *     Student
         *
         *     Blocklist
         * @enum {string}
         */
        CustomerClassificationEnum: "PaymasterAccount" | "Blacklist" | "Media" | "LoyaltyProgram" | "PreviousComplaint" | "Returning" | "Staff" | "FriendOrFamily" | "TopManagement" | "Important" | "VeryImportant" | "Problematic" | "Cashlist" | "DisabledPerson" | "Military" | "Airline" | "HealthCompliant" | "InRoom" | "WaitingForRoom" | "Student" | "Blocklist";
        /** Customer extent */
        CustomerExtent: {
            /** @description Whether the response should contain information about customers. */
            Customers?: boolean | null;
            /**
             * @deprecated
             * @description Whether the response should contain identity documents of customers.
             */
            Documents?: boolean | null;
            /** @description Whether the response should contain addresses of customers. */
            Addresses?: boolean | null;
        };
        /** CustomerFilterParameters */
        CustomerFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Unique identifiers of the chains. Required when using Portfolio Access Tokens, ignored otherwise. */
            ChainIds?: string[] | null;
            /**
             * Time interval
             * @description Interval in which Customer was created.
             */
            CreatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which Customer was updated.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Customer extent
             * @description Extent of data to be returned.
             */
            Extent: components["schemas"]["CustomerExtent"];
            /**
             * Time interval
             * @description Interval in which Customer was deleted. `ActivityStates` value `Deleted` should be provided with this filter to get expected results.
             */
            DeletedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /** @description Whether to return only active, only deleted or both records. */
            ActivityStates?: components["schemas"]["ActivityStates"][] | null;
            /** @description Unique identifiers of Customers. Required if no other filter is provided. */
            CustomerIds?: string[] | null;
            /** @description Unique identifier of the Company the customer is associated with. */
            CompanyIds?: string[] | null;
            /** @description Emails of the [Customers](https://mews-systems.gitbook.io/connector-api/operations/#customer). */
            Emails?: string[] | null;
            /** @description First names of the [Customers](https://mews-systems.gitbook.io/connector-api/operations/#customer). */
            FirstNames?: string[] | null;
            /** @description Last names of the [Customers](https://mews-systems.gitbook.io/connector-api/operations/#customer). */
            LastNames?: string[] | null;
            /** @description Loyalty codes of the [Customers](https://mews-systems.gitbook.io/connector-api/operations/#customer). */
            LoyaltyCodes?: string[] | null;
            /** @description Limitation on the quantity of data returned. */
            Limitation: components["schemas"]["Limitation"];
        };
        /**
         * Customer option
         * @description SendMarketingEmails
         *
         *     Invoiceable
         *
         *     BillAddressObjection
         *
         *     SendMarketingPostalMail
         *
         *     SendPartnerMarketingEmails
         *
         *     SendPartnerMarketingPostalMail
         *
         *     WithdrawCardConsent
         *
         *     GuestPhotoConsent (Whether to ask for consent to take a guest photo.)
         *
         *     IdPhotosConsent (Whether to ask for consent to take identity document photos.)
         * @enum {string}
         */
        CustomerOptionEnum: "SendMarketingEmails" | "Invoiceable" | "BillAddressObjection" | "SendMarketingPostalMail" | "SendPartnerMarketingEmails" | "SendPartnerMarketingPostalMail" | "WithdrawCardConsent" | "GuestPhotoConsent" | "IdPhotosConsent";
        /**
         * Customer option
         * @description None
         *
         *     SendMarketingEmails
         *
         *     Invoiceable
         *
         *     BillAddressObjection
         *
         *     SendMarketingPostalMail
         *
         *     SendPartnerMarketingEmails
         *
         *     SendPartnerMarketingPostalMail
         *
         *     WithdrawCardConsent
         *
         *     GuestPhotoConsent
         *
         *     IdPhotosConsent
         * @enum {string}
         */
        CustomerOptionsEnum: "None" | "SendMarketingEmails" | "Invoiceable" | "BillAddressObjection" | "SendMarketingPostalMail" | "SendPartnerMarketingEmails" | "SendPartnerMarketingPostalMail" | "WithdrawCardConsent" | "GuestPhotoConsent" | "IdPhotosConsent";
        /** CustomerResult */
        CustomerResult: {
            /** @description The customers. */
            Customers: components["schemas"]["Customer"][];
            /**
             * @deprecated
             * @description The identity documents of customers.
             */
            Documents?: components["schemas"]["IdentityDocument"][] | null;
            /**
             * Format: uuid
             * @description Unique identifier of the last and hence oldest customer item returned. This can be used in [Limitation](https://mews-systems.gitbook.io/connector-api/guidelines/pagination/#limitation) in a subsequent request to fetch the next batch of older customers. If [Limitation](https://mews-systems.gitbook.io/connector-api/guidelines/pagination/#limitation) is specified in the request message, then Cursor will always be included in the response message; this is true even when using Extents set to false so that no actual data is returned.
             */
            Cursor?: string | null;
        };
        /** Identity document parameters */
        DocumentParameters: {
            /** @description Number of the document (e.g. passport number). */
            Number?: string | null;
            /**
             * Format: date
             * @description Expiration date in ISO 8601 format.
             */
            Expiration?: string | null;
            /**
             * Format: date
             * @description Date of issuance in ISO 8601 format.
             */
            Issuance?: string | null;
            /** @description ISO 3166-1 code of the `Country`. */
            IssuingCountryCode?: string | null;
            /** @description Identifier of the country subdivision where the document was issued (province, state or region). */
            IssuingCountrySubdivisionCode?: string | null;
            /** @description City from which document issued */
            IssuingCity?: string | null;
        };
        /** Enterprise */
        Enterprise: {
            /**
             * Format: uuid
             * @description Unique identifier of the enterprise.
             */
            Id: string;
            /** @description Identifier of the enterprise from external system. */
            ExternalIdentifier?: string | null;
            /** @description Identifies an enterprise in the external system of a holding company. The holding company may administer multiple portfolios. */
            HoldingKey?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the chain to which the enterprise belongs.
             */
            ChainId: string;
            /** @description Name of the `Chain` to which the enterprise belongs. */
            ChainName: string;
            /**
             * Format: date-time
             * @description Creation date and time of the enterprise in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the enterprise in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
            /** @description Name of the enterprise. */
            Name: string;
            /** @description Short name of the enterprise used in Manager Report exports. */
            ShortName?: string | null;
            /** @description IANA timezone identifier of the enterprise. */
            TimeZoneIdentifier: string;
            /** @description Unique identifier of the legal environment where the enterprise resides. */
            LegalEnvironmentCode: string;
            /** @description Unique code of the accommodation environment where the enterprise resides. */
            AccommodationEnvironmentCode: string;
            /** @description Unique code of the accounting environment where the enterprise resides. */
            AccountingEnvironmentCode: string;
            /** @description Unique code of the tax environment where the enterprise resides. */
            TaxEnvironmentCode: string;
            /** @description Language-culture codes of the enterprise default `Language`. */
            DefaultLanguageCode: string;
            /** @deprecated */
            EditableHistoryInterval: string;
            /** @description Editable history interval for accounting data in ISO 8601 duration format. */
            AccountingEditableHistoryInterval: string;
            /** @description Editable history interval for operational data in ISO 8601 duration format. */
            OperationalEditableHistoryInterval: string;
            /** @description The offset value for the business day closing time, in ISO 8601 duration format. */
            BusinessDayClosingOffset?: string | null;
            /**
             * Format: uri
             * @description URL of the enterprise website.
             */
            WebsiteUrl?: string | null;
            /**
             * Format: email
             * @description Email address of the enterprise.
             */
            Email?: string | null;
            /**
             * Format: tel
             * @description Phone number of the enterprise.
             */
            Phone?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Image` of the enterprise logo.
             */
            LogoImageId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Image` of the enterprise cover.
             */
            CoverImageId?: string | null;
            /**
             * Pricing
             * @description Pricing of the enterprise.
             *
             *     Gross (The enterprise shows amount with gross prices.)
             *
             *     Net (The enterprise shows amount with net prices.)
             */
            Pricing: components["schemas"]["PricingModeEnum"];
            /**
             * Format: int32
             * @description Tax precision used for financial calculations in the enterprise. If `null`, `Currency` precision is used.
             */
            TaxPrecision?: number | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Address` of the enterprise.
             */
            AddressId: string;
            /**
             * Address
             * @description Address of the enterprise.
             */
            Address: components["schemas"]["OldAddress"];
            /** @description A list of the group names of the enterprise. */
            GroupNames: string[];
            /**
             * Enterprise subscription
             * @description Subscription information of the enterprise.
             */
            Subscription: components["schemas"]["EnterpriseSubscription"];
            /** @description Currencies accepted by the enterprise. */
            Currencies: components["schemas"]["CurrencyAcceptance"][];
            /**
             * Accounting configuration
             * @description Configuration information containing financial information about the property.
             */
            AccountingConfiguration?: components["schemas"]["AccountingConfiguration"] | null;
            /** @description Whether the enterprise is a Portfolio enterprise (see [Multi-property guidelines](https://mews-systems.gitbook.io/connector-api/guidelines/multi-property)). */
            IsPortfolio?: boolean;
        };
        /** Enterprise subscription */
        EnterpriseSubscription: {
            /** @description Tax identifier of the `Enterprise`. */
            TaxIdentifier?: string | null;
        };
        /** Extended amount */
        ExtendedAmount: {
            /**
             * Format: currency
             * @description ISO-4217 code of the [Currency](https://mews-systems.gitbook.io/connector-api/operations/currencies/#currency).
             */
            Currency: string;
            /**
             * Format: double
             * @description Net value without taxes.
             */
            NetValue: number;
            /**
             * Format: double
             * @description Gross value including all taxes.
             */
            GrossValue: number;
            /** @description The tax values applied. */
            TaxValues: components["schemas"]["TaxValue"][];
            /**
             * Tax breakdown
             * @description Information about individual tax amounts.
             */
            Breakdown: components["schemas"]["TaxBreakdown"];
            /** Format: double */
            Value?: number | null;
            /** Format: double */
            Net?: number | null;
            /** Format: double */
            Tax?: number | null;
            /** Format: double */
            TaxRate?: number | null;
        };
        /** Amount parameters */
        ExtendedAmountParameters: {
            /**
             * Format: currency
             * @description ISO-4217 code of the `Currency`.
             */
            Currency: string;
            /** @description The tax values applied. */
            TaxCodes?: string[] | null;
            /**
             * Format: double
             * @description Net value in case the item is taxed.
             */
            NetValue?: number | null;
            /**
             * Format: double
             * @description Gross value including all taxes.
             */
            GrossValue?: number | null;
        };
        /** ExternalPaymentParameters */
        ExternalPaymentParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the enterprise. Required when using [Portfolio Access Tokens](https://mews-systems.gitbook.io/connector-api/concepts/multi-property), ignored otherwise.
             */
            EnterpriseId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the [Customer](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer) or [Company](https://mews-systems.gitbook.io/connector-api/operations/companies/#company). Company billing may not be enabled for your integration.
             */
            AccountId: string;
            /**
             * Format: uuid
             * @deprecated
             * @description Unique identifier of the [Customer](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer). **Deprecated!**
             */
            CustomerId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of an open bill of the customer where to assign the payment.
             */
            BillId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of an [Accounting category](https://mews-systems.gitbook.io/connector-api/operations/accountingcategories/#accounting-category) to be assigned to the external payment.
             */
            AccountingCategoryId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the reservation the payment belongs to.
             */
            ReservationId?: string | null;
            /**
             * Amount parameters
             * @description Amount of the external card payment.
             */
            Amount: components["schemas"]["ExtendedAmountParameters"];
            /**
             * @description Type of the external payment. (Required for the enterprises based in the French Legal Environment where `Unspecified` is considered as fraud.)
             *
             *     Unspecified (Unspecified (unavailable in French Legal Environment))
             *
             *     BadDebts (Bad debts)
             *
             *     Bacs (Bacs payment)
             *
             *     WireTransfer (Wire transfer)
             *
             *     Invoice (Invoice)
             *
             *     ExchangeRateDifference (Exchange rate difference)
             *
             *     Complimentary (Complimentary)
             *
             *     Reseller (Reseller)
             *
             *     ExchangeRoundingDifference (Exchange rounding difference)
             *
             *     Barter (Barter)
             *
             *     Commission (Commission)
             *
             *     BankCharges (Bank charges)
             *
             *     CrossSettlement (Cross settlement)
             *
             *     Cash (Cash)
             *
             *     CreditCard (Credit card – deprecated, only for existing partners)
             *
             *     Prepayment (Prepayment)
             *
             *     Cheque (Cheque)
             *
             *     Bancontact (Bancontact)
             *
             *     IDeal (iDeal – deprecated, only for existing partners)
             *
             *     PayPal (PayPal – deprecated, only for existing partners)
             *
             *     GiftCard (Gift card)
             *
             *     LoyaltyPoints (Loyalty points)
             *
             *     ChequeVacances (Chèque-Vacances)
             *
             *     OnlinePayment (Online payment – deprecated, only for existing partners)
             *
             *     CardCheck (Card check)
             *
             *     PaymentHubRedirection (Payment hub redirection)
             *
             *     Voucher (Voucher)
             *
             *     MasterCard (MasterCard – deprecated, only for existing partners)
             *
             *     Visa (Visa – deprecated, only for existing partners)
             *
             *     Amex (American Express – deprecated, only for existing partners)
             *
             *     Discover (Discover – deprecated, only for existing partners)
             *
             *     DinersClub (Diners Club – deprecated, only for existing partners)
             *
             *     Jcb (JCB – deprecated, only for existing partners)
             *
             *     UnionPay (UnionPay – deprecated, only for existing partners)
             *
             *     Twint (TWINT)
             *
             *     Reka (Reka)
             *
             *     LoyaltyCard (Loyalty card)
             *
             *     PosDiningAndSpaReward (POS Dining & Spa Reward)
             *
             *     DirectDebit (Direct debit)
             *
             *     DepositCheck (Deposit - check)
             *
             *     DepositCash (Deposit - cash)
             *
             *     DepositCreditCard (Deposit - credit card – deprecated, only for existing partners)
             *
             *     DepositWireTransfer (Deposit - wire transfer)
             */
            Type?: components["schemas"]["ExternalPaymentTypeEnum"] | null;
            /** @description Identifier of the payment from external system. */
            ExternalIdentifier?: string | null;
            /** @description Additional payment notes. */
            Notes?: string | null;
        };
        /**
         * External payment type
         * @description Unspecified (Unspecified (unavailable in French Legal Environment))
         *
         *     BadDebts (Bad debts)
         *
         *     Bacs (Bacs payment)
         *
         *     WireTransfer (Wire transfer)
         *
         *     Invoice (Invoice)
         *
         *     ExchangeRateDifference (Exchange rate difference)
         *
         *     Complimentary (Complimentary)
         *
         *     Reseller (Reseller)
         *
         *     ExchangeRoundingDifference (Exchange rounding difference)
         *
         *     Barter (Barter)
         *
         *     Commission (Commission)
         *
         *     BankCharges (Bank charges)
         *
         *     CrossSettlement (Cross settlement)
         *
         *     Cash (Cash)
         *
         *     CreditCard (Credit card – deprecated, only for existing partners)
         *
         *     Prepayment (Prepayment)
         *
         *     Cheque (Cheque)
         *
         *     Bancontact (Bancontact)
         *
         *     IDeal (iDeal – deprecated, only for existing partners)
         *
         *     PayPal (PayPal – deprecated, only for existing partners)
         *
         *     GiftCard (Gift card)
         *
         *     LoyaltyPoints (Loyalty points)
         *
         *     ChequeVacances (Chèque-Vacances)
         *
         *     OnlinePayment (Online payment – deprecated, only for existing partners)
         *
         *     CardCheck (Card check)
         *
         *     PaymentHubRedirection (Payment hub redirection)
         *
         *     Voucher (Voucher)
         *
         *     MasterCard (MasterCard – deprecated, only for existing partners)
         *
         *     Visa (Visa – deprecated, only for existing partners)
         *
         *     Amex (American Express – deprecated, only for existing partners)
         *
         *     Discover (Discover – deprecated, only for existing partners)
         *
         *     DinersClub (Diners Club – deprecated, only for existing partners)
         *
         *     Jcb (JCB – deprecated, only for existing partners)
         *
         *     UnionPay (UnionPay – deprecated, only for existing partners)
         *
         *     Twint (TWINT)
         *
         *     Reka (Reka)
         *
         *     LoyaltyCard (Loyalty card)
         *
         *     PosDiningAndSpaReward (POS Dining & Spa Reward)
         *
         *     DirectDebit (Direct debit)
         *
         *     DepositCheck (Deposit - check)
         *
         *     DepositCash (Deposit - cash)
         *
         *     DepositCreditCard (Deposit - credit card – deprecated, only for existing partners)
         *
         *     DepositWireTransfer (Deposit - wire transfer)
         * @enum {string}
         */
        ExternalPaymentTypeEnum: "Unspecified" | "BadDebts" | "Bacs" | "WireTransfer" | "Invoice" | "ExchangeRateDifference" | "Complimentary" | "Reseller" | "ExchangeRoundingDifference" | "Barter" | "Commission" | "BankCharges" | "CrossSettlement" | "Cash" | "CreditCard" | "Prepayment" | "Cheque" | "Bancontact" | "IDeal" | "PayPal" | "GiftCard" | "LoyaltyPoints" | "ChequeVacances" | "OnlinePayment" | "CardCheck" | "PaymentHubRedirection" | "Voucher" | "MasterCard" | "Visa" | "Amex" | "Discover" | "DinersClub" | "Jcb" | "UnionPay" | "Twint" | "Reka" | "LoyaltyCard" | "PosDiningAndSpaReward" | "DirectDebit" | "DepositCheck" | "DepositCash" | "DepositCreditCard" | "DepositWireTransfer";
        /** iDEAL data */
        IdealData: {
            /**
             * Format: uri
             * @description URL where the customer will be redirected after completing their iDEAL payment.
             */
            RedirectUrl: string;
        };
        /** Identity document */
        IdentityDocument: {
            /**
             * Format: uuid
             * @description Unique identifier of the document.
             */
            Id?: string;
            /**
             * Format: uuid
             * @description Identifier of the `Customer`.
             */
            CustomerId?: string;
            /**
             * Document type
             * @description Type of the document.
             *
             *     IdentityCard
             *
             *     Passport
             *
             *     Visa
             *
             *     DriversLicense
             */
            Type?: components["schemas"]["IdentityDocumentTypeEnum"];
            /** @description Number of the document (e.g. passport number). */
            Number?: string | null;
            /**
             * Format: date
             * @description Expiration date in ISO 8601 format.
             */
            Expiration?: string | null;
            /**
             * Format: date
             * @description Date of issuance in ISO 8601 format.
             */
            Issuance?: string | null;
            /** @description ISO 3166-1 code of the `Country`. */
            IssuingCountryCode?: string | null;
            /** @description Identifier of the country subdivision where the document was issued (province, state or region). */
            IssuingCountrySubdivisionCode?: string | null;
            /** @description City where the document was issued. */
            IssuingCity?: string | null;
            /** @description Identity document support number. Only required for Spanish identity cards in Spanish hotels. */
            IdentityDocumentSupportNumber?: string | null;
        };
        /**
         * Document type
         * @description IdentityCard
         *
         *     Passport
         *
         *     Visa
         *
         *     DriversLicense
         * @enum {string}
         */
        IdentityDocumentTypeEnum: "IdentityCard" | "Passport" | "Visa" | "DriversLicense";
        /**
         * Invoice payment type
         * @description Receivable
         *
         *     Balancing
         *
         *     UnderpaymentBalancingReceivable
         *
         *     OverpaymentBalancingReceivable
         *
         *     Overpayment
         * @enum {string}
         */
        InvoicePaymentTypeEnum: "Receivable" | "Balancing" | "UnderpaymentBalancingReceivable" | "OverpaymentBalancingReceivable" | "Overpayment";
        /**
         * Limitation
         * @description Limitation on the quantity of data returned.
         */
        Limitation: {
            /** Format: int32 */
            Count: number;
            /** Format: uuid */
            Cursor?: string | null;
        };
        /** MultipleCustomerParameters */
        MultipleCustomerParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Unique identifiers of `Customer`. */
            CustomerIds: string[];
        };
        /** MultiplePaymentRequestAddParameters */
        MultiplePaymentRequestAddParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the enterprise. Required when using [Portfolio Access Tokens](https://mews-systems.gitbook.io/connector-api/concepts/multi-property), ignored otherwise.
             */
            EnterpriseId?: string | null;
            /** @description Payment requests to be added. */
            PaymentRequests: components["schemas"]["PaymentRequestAddParameters"][];
            /** @description Specifies whether a payment request email is sent to the customer. Defaults to `true`. */
            SendPaymentRequestEmails?: boolean | null;
        };
        /** MultiplePaymentRequestCancelParameters */
        MultiplePaymentRequestCancelParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Identifiers of payment requests to be canceled. */
            PaymentRequestIds: string[];
        };
        /** Alternative payment next action */
        NextAction: {
            /**
             * Payment next action discriminator
             * @description Determines type of value.
             *
             *     RedirectToUrl (Redirect customer to a URL where they can complete their payment.)
             */
            Discriminator: components["schemas"]["NextActionTypeEnum"];
            /** @description String value depending on `Type`. */
            Value: string;
        };
        /**
         * Payment next action discriminator
         * @description RedirectToUrl (Redirect customer to a URL where they can complete their payment.)
         * @enum {string}
         */
        NextActionTypeEnum: "RedirectToUrl";
        /** Address */
        OldAddress: {
            /**
             * Format: uuid
             * @description Unique identifier of the address.
             */
            Id?: string;
            /** @description First line of the address. */
            Line1?: string | null;
            /** @description Second line of the address. */
            Line2?: string | null;
            /** @description The city. */
            City?: string | null;
            /** @description Postal code. */
            PostalCode?: string | null;
            /** @description ISO 3166-1 code of the `Country`. */
            CountryCode?: string | null;
            /** @description ISO 3166-2 code of the administrative division, e.g. `DE-BW`. */
            CountrySubdivisionCode?: string | null;
            /**
             * Format: double
             * @description The latitude.
             */
            Latitude?: number | null;
            /**
             * Format: double
             * @description The longitude.
             */
            Longitude?: number | null;
        };
        /** Order item */
        OrderItem: {
            /**
             * Format: uuid
             * @description Unique identifier of the order item.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Enterprise](https://mews-systems.gitbook.io/connector-api/operations/enterprises/#enterprise).
             */
            EnterpriseId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the account (for example [Customer](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer)) the order item belongs to.
             */
            AccountId?: string | null;
            /**
             * @description A discriminator specifying the [type of account](https://mews-systems.gitbook.io/connector-api/operations/accounts/#account-type), e.g. customer or company.
             *
             *     Company
             *
             *     Customer
             */
            AccountType?: components["schemas"]["AccountTypeEnum"] | null;
            /**
             * Format: uuid
             * @description Unique identifier of the [Service](https://mews-systems.gitbook.io/connector-api/operations/services/#service) the order item is assigned to.
             */
            ServiceId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Service order](https://mews-systems.gitbook.io/connector-api/operations/serviceorders/#service-order) the order item is assigned to.
             */
            ServiceOrderId: string;
            /** @description Additional notes. */
            Notes?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the [Bill](https://mews-systems.gitbook.io/connector-api/operations/bills/#bill) the order item is assigned to.
             */
            BillId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the [Accounting category](https://mews-systems.gitbook.io/connector-api/operations/accountingcategories/#accounting-category) the order item belongs to.
             */
            AccountingCategoryId?: string | null;
            /** @description Name of the order item for billing purposes. */
            BillingName?: string | null;
            /** @description Identifier of the entity from external system. */
            ExternalIdentifier?: string | null;
            /**
             * Format: int32
             * @description Unit count of item, i.e. the number of sub-items or units, if applicable.
             */
            UnitCount: number;
            /**
             * Amount
             * @description Unit amount of item, i.e. the amount of each individual sub-item or unit, if applicable.
             */
            UnitAmount: components["schemas"]["Amount"];
            /**
             * Amount
             * @description Amount of item; note a negative amount represents a rebate or payment.
             */
            Amount: components["schemas"]["Amount"];
            /**
             * Amount
             * @description Order item's original amount. Negative amount represents either rebate or a payment. Contains the earliest known value in conversion chain.
             */
            OriginalAmount: components["schemas"]["Amount"];
            /**
             * Revenue type
             * @description Revenue type of the item.
             *
             *     Service
             *
             *     Product
             *
             *     Additional
             */
            RevenueType: components["schemas"]["RevenueTypeEnum"];
            /**
             * Format: uuid
             * @description Unique identifier of the user who created the order item.
             */
            CreatorProfileId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the user who updated the order item.
             */
            UpdaterProfileId: string;
            /**
             * Format: date-time
             * @description Creation date and time of the order item created in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the order item in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
            /**
             * Format: date-time
             * @description Date and time of the item consumption in UTC timezone in ISO 8601 format.
             */
            ConsumedUtc: string;
            /**
             * Format: date-time
             * @description Cancellation date and time of the order item in UTC timezone in ISO 8601 format.
             */
            CanceledUtc?: string | null;
            /**
             * Format: date-time
             * @description Date and time of the item bill closure in UTC timezone in ISO 8601 format.
             */
            ClosedUtc?: string | null;
            /**
             * Format: date-time
             * @description Start of the order item in UTC timezone in ISO 8601 format.
             */
            StartUtc?: string | null;
            /**
             * Format: date-time
             * @description Date and time when the order item was claimed in UTC timezone in ISO 8601 format.
             */
            ClaimedUtc?: string | null;
            /**
             * Order item accounting state
             * @description Accounting state of the order item.
             *
             *     Open (Order items which carry a non-zero value, are open, and have not been closed on a bill or invoice.)
             *
             *     Closed (Order items which carry a non-zero value and have been closed on a bill or invoice.)
             *
             *     Inactive (Order items which are either of zero value and have not been canceled, if the state of the payment item is Pending or Failed, or items of optional reservations. Until the reservation is confirmed, all its accounting items are Inactive.)
             *
             *     Canceled (Order items which have been canceled, regardless of whether the item is of zero value.)
             */
            AccountingState: components["schemas"]["AccountingStateEnum"];
            /**
             * Order item type
             * @description Order item type, e.g. whether product order or space order.
             *
             *     CancellationFee
             *
             *     NightRebate
             *
             *     ProductOrderRebate
             *
             *     AdditionalExpenseRebate
             *
             *     Deposit
             *
             *     ExchangeRateDifference
             *
             *     CustomItem
             *
             *     ServiceCharge
             *
             *     CityTax
             *
             *     CityTaxDiscount
             *
             *     SpaceOrder
             *
             *     ProductOrder
             *
             *     Surcharge
             *
             *     TaxCorrection
             *
             *     ResourceUpgradeFee
             *
             *     InvoiceFee
             *
             *     MulticurrencyFee
             *
             *     AllowanceDiscount
             *
             *     AllowanceBreakage
             *
             *     AllowanceContraBreakage
             */
            Type: components["schemas"]["OrderItemTypeEnum"];
            /**
             * Order item options
             * @description Options of the order item.
             */
            Options: components["schemas"]["OrderItemOptions"];
            /**
             * Order item data
             * @description Additional order item data.
             */
            Data?: components["schemas"]["OrderItemData"] | null;
            /**
             * @description Specifies the reason an order item is exempt from tax.
             *
             *     Unknown (Unknown tax exemption reason)
             *
             *     IT_N1 (N1 - Escluse ex art.15)
             *
             *     IT_N2_1 (N2.1 - Non soggette ad IVA ai sensi degli artt. da 7 a 7-septies del d.P.R. n. 633/72)
             *
             *     IT_N2_2 (N2.2 - Non soggette – altri casi)
             *
             *     IT_N3_4 (N3.4 - Non imponibili – operazioni assimilate alle cessioni all’esportazione)
             *
             *     IT_N3_5 (N3.5 - Non imponibili – a seguito di dichiarazioni d’intento)
             *
             *     IT_N4 (N4 - Esenti)
             *
             *     IT_N5 (N5 - Regime del margine / IVA non esposta in fattura)
             *
             *     PL_ZW (ZW - Zwolniony)
             *
             *     PL_NP (NP - Nie podlega)
             *
             *     DE_NATO (NATO-ZAbk - Umsatzsteuerbefreiung gemäß Artikel 67(3) NATO-Zusatzabkommen)
             */
            TaxExemptionReason?: components["schemas"]["TaxExemptionReasonTypeEnum"] | null;
            /** @description Legal reference that states why this order item is exempt from tax. */
            TaxExemptionLegalReference?: string | null;
        };
        /** Allowance discount data */
        OrderItemAllowanceDiscountData: {
            /**
             * Format: uuid
             * @description Unique identifier of [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) which has been discounted by current item.
             */
            DiscountedOrderItemId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the allowance product [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) which credit has been consumed by current item.
             */
            AllowanceProductOrderItemId: string;
        };
        /** Allowance profits data */
        OrderItemAllowanceProfitsData: {
            /**
             * Format: uuid
             * @description Unique identifier of the allowance product [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) which credit has been consumed by current item.
             */
            AllowanceProductOrderItemId: string;
            /**
             * @description Type of allowance profit.
             *
             *     AllowanceBreakage (Profit of the allowance product.)
             *
             *     AllowanceContraBreakage (Accounting balance for profit of the allowance product.)
             *
             *     AllowanceLoss (Loss of the allowance product.)
             *
             *     AllowanceContraLoss (Accounting balance for loss of the allowance product.)
             */
            AllowanceProfitType: components["schemas"]["AllowanceProfitTypeEnum"];
        };
        /**
         * Order item data
         * @description Additional order item data.
         */
        OrderItemData: {
            /**
             * Order item data discriminator
             * @description Discriminator pointing to the fields within this object that contains additional data.
             *
             *     Rebate (Rebate.)
             *
             *     Product (Product.)
             *
             *     AllowanceDiscount (Allowance discount.)
             *
             *     AllowanceProfits (Allowance profits.)
             */
            Discriminator?: components["schemas"]["OrderItemDataDiscriminatorEnum"];
            /**
             * Rebate data
             * @description Contains additional data in the case of rebate item.
             */
            Rebate?: components["schemas"]["OrderItemRebateData"] | null;
            /**
             * Product data
             * @description Contains additional data in the case of product item.
             */
            Product?: components["schemas"]["OrderItemProductData"] | null;
            /**
             * Allowance discount data
             * @description Contains additional data in the case of allowance discount item.
             */
            AllowanceDiscount?: components["schemas"]["OrderItemAllowanceDiscountData"] | null;
            /**
             * Allowance profits data
             * @description Contains additional data in the case of allowance profits item.
             */
            AllowanceProfits?: components["schemas"]["OrderItemAllowanceProfitsData"] | null;
        };
        /**
         * Order item data discriminator
         * @description Rebate (Rebate.)
         *
         *     Product (Product.)
         *
         *     AllowanceDiscount (Allowance discount.)
         *
         *     AllowanceProfits (Allowance profits.)
         * @enum {string}
         */
        OrderItemDataDiscriminatorEnum: "Rebate" | "Product" | "AllowanceDiscount" | "AllowanceProfits";
        /** OrderItemFilterParameters */
        OrderItemFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Limitation on the quantity of data returned and optional Cursor for the starting point of data. */
            Limitation: components["schemas"]["Limitation"];
            /** @description Unique identifiers of the Enterprises. If not specified, the operation returns data for all enterprises within scope of the Access Token. */
            EnterpriseIds?: string[] | null;
            /** @description Unique identifiers of the [Order items](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item). Required if no other filter is provided. */
            OrderItemIds?: string[] | null;
            /** @description Unique identifiers of specific `Accounts` to which the order items belong to. Required if no other filter is provided. */
            AccountIds?: string[] | null;
            /** @description Unique identifiers of the service orders ([product service orders](https://mews-systems.gitbook.io/connector-api/operations/productserviceorders/#product-service-order) or [reservations](https://mews-systems.gitbook.io/connector-api/operations/reservations/#reservation-ver-2023-06-06)). Required if no other filter is provided. */
            ServiceOrderIds?: string[] | null;
            /** @description Unique identifiers of the [Services](https://mews-systems.gitbook.io/connector-api/operations/services/#service). Required if no other filter is provided. */
            ServiceIds?: string[] | null;
            /** @description Unique identifiers of the [Bills](https://mews-systems.gitbook.io/connector-api/operations/bills/#bill) to which order item is assigned. Required if no other filter is provided. */
            BillIds?: string[] | null;
            /**
             * Time interval
             * @description Interval in which the [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) was created. Required if no other filter is provided.
             */
            CreatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) was updated. Required if no other filter is provided.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) was consumed. Required if no other filter is provided.
             */
            ConsumedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) was canceled. Required if no other filter is provided.
             */
            CanceledUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) was closed. Required if no other filter is provided.
             */
            ClosedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Format: currency
             * @description ISO-4217 code of the [Currency](https://mews-systems.gitbook.io/connector-api/operations/currencies/#currency) the item costs should be converted to.
             */
            Currency?: string | null;
            /** @description Accounting state of the item. */
            AccountingStates?: components["schemas"]["AccountingStateEnum"][] | null;
            /** @description Order item type, e.g. whether product order or space order. */
            Types?: components["schemas"]["OrderItemTypeEnum"][] | null;
        };
        /**
         * Order item options
         * @description Options of the order item.
         */
        OrderItemOptions: {
            /** @description Order item was canceled with reservation cancellation. */
            CanceledWithReservation: boolean;
        };
        /** Product data */
        OrderItemProductData: {
            /**
             * Format: uuid
             * @description Unique identifier of the [Product](https://mews-systems.gitbook.io/connector-api/operations/products/#product).
             */
            ProductId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Age Category](https://mews-systems.gitbook.io/connector-api/operations/agecategories/#age-category).
             */
            AgeCategoryId?: string | null;
            /**
             * @description Type of Product, e.g. whether allowance or product.
             *
             *     Product
             *
             *     Allowance
             */
            ProductType?: components["schemas"]["ProductTypeEnum"] | null;
        };
        /** Rebate data */
        OrderItemRebateData: {
            /**
             * Format: uuid
             * @description Unique identifier of the [Product](https://mews-systems.gitbook.io/connector-api/operations/products/#product) of the original rebated [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item).
             */
            ProductId: string;
            /**
             * Format: uuid
             * @description Unique identifier of [Order item](https://mews-systems.gitbook.io/connector-api/operations/orderitems/#order-item) which has been rebated by current item.
             */
            RebatedItemId: string;
        };
        /** OrderItemResult */
        OrderItemResult: {
            /** @description Set of requested order items. */
            OrderItems: components["schemas"]["OrderItem"][];
            /**
             * Format: uuid
             * @description Unique identifier of the last and hence oldest order item returned. This can be used in [Limitation](https://mews-systems.gitbook.io/connector-api/guidelines/pagination/#limitation) in a subsequent request to fetch the next batch of older order items.
             */
            Cursor?: string | null;
        };
        /**
         * Order item type
         * @description CancellationFee
         *
         *     NightRebate
         *
         *     ProductOrderRebate
         *
         *     AdditionalExpenseRebate
         *
         *     Deposit
         *
         *     ExchangeRateDifference
         *
         *     CustomItem
         *
         *     ServiceCharge
         *
         *     CityTax
         *
         *     CityTaxDiscount
         *
         *     SpaceOrder
         *
         *     ProductOrder
         *
         *     Surcharge
         *
         *     TaxCorrection
         *
         *     ResourceUpgradeFee
         *
         *     InvoiceFee
         *
         *     MulticurrencyFee
         *
         *     AllowanceDiscount
         *
         *     AllowanceBreakage
         *
         *     AllowanceContraBreakage
         * @enum {string}
         */
        OrderItemTypeEnum: "CancellationFee" | "NightRebate" | "ProductOrderRebate" | "AdditionalExpenseRebate" | "Deposit" | "ExchangeRateDifference" | "CustomItem" | "ServiceCharge" | "CityTax" | "CityTaxDiscount" | "SpaceOrder" | "ProductOrder" | "Surcharge" | "TaxCorrection" | "ResourceUpgradeFee" | "InvoiceFee" | "MulticurrencyFee" | "AllowanceDiscount" | "AllowanceBreakage" | "AllowanceContraBreakage";
        /** Payment */
        Payment: {
            /**
             * Format: uuid
             * @description Unique identifier of the payment.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Enterprise`.
             */
            EnterpriseId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the account (for example `Customer`) the payment belongs to.
             */
            AccountId: string;
            AccountType: components["schemas"]["AccountType"];
            /**
             * Format: uuid
             * @description Unique identifier of the `PaymentRequest` the payment is associated with.
             */
            PaymentRequestId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Bill` the payment is assigned to.
             */
            BillId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Reservation` the payment belongs to.
             */
            ReservationId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `AccountingCategory` the payment belongs to.
             */
            AccountingCategoryId?: string | null;
            /**
             * Amount
             * @description Payment's amount, negative amount represents either rebate or a payment.
             */
            Amount: components["schemas"]["Amount"];
            /**
             * Amount
             * @description Payment's original amount, negative amount represents either rebate or a payment. Contains the earliest known value in conversion chain.
             */
            OriginalAmount: components["schemas"]["Amount"];
            /** @description Additional notes. */
            Notes?: string | null;
            /** @description Identifier of the settled payment from the external system (ApplePay/GooglePay). */
            SettlementId?: string | null;
            /**
             * Format: date-time
             * @description Date and time of the item consumption in UTC timezone in ISO 8601 format.
             */
            ConsumedUtc?: string | null;
            /**
             * Format: date-time
             * @description Date and time of the payment bill closure in UTC timezone in ISO 8601 format.
             */
            ClosedUtc?: string | null;
            /**
             * Format: date-time
             * @description Charged date and time of the payment in UTC timezone in ISO 8601 format.
             */
            ChargedUtc?: string | null;
            /**
             * Format: date-time
             * @description Creation date and time of the payment created in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the payment in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
            /**
             * Format: date-time
             * @description Date and time of the payment settlement in UTC timezone in ISO 8601 format.
             */
            SettlementUtc: string;
            /**
             * Order item accounting state
             * @description Accounting state of the payment.
             *
             *     Open (Order items which carry a non-zero value, are open, and have not been closed on a bill or invoice.)
             *
             *     Closed (Order items which carry a non-zero value and have been closed on a bill or invoice.)
             *
             *     Inactive (Order items which are either of zero value and have not been canceled, if the state of the payment item is Pending or Failed, or items of optional reservations. Until the reservation is confirmed, all its accounting items are Inactive.)
             *
             *     Canceled (Order items which have been canceled, regardless of whether the item is of zero value.)
             */
            AccountingState: components["schemas"]["AccountingStateEnum"];
            /**
             * Payment state
             * @description Payment state of the payment.
             *
             *     Charged
             *
             *     Canceled
             *
             *     Pending
             *
             *     Failed
             *
             *     Verifying
             */
            State: components["schemas"]["PaymentStateEnum"];
            /** @description Additional unique identifier of the payment. */
            Identifier?: string | null;
            /**
             * Payment type
             * @description Payment type, e.g. whether credit card or cash.
             *
             *     Payment
             *
             *     CreditCardPayment
             *
             *     AlternativePayment
             *
             *     CashPayment
             *
             *     InvoicePayment
             *
             *     ExternalPayment
             *
             *     GhostPayment
             *
             *     TaxDeductedPayment
             */
            Type: components["schemas"]["PaymentDiscriminatorEnum"];
            /**
             * @description Payment kind, e.g. whether payment or refund. Value provided only for payments processed by Mews Payments.
             *
             *     Payment
             *
             *     Chargeback
             *
             *     ChargebackReversal
             *
             *     Refund
             */
            Kind?: components["schemas"]["PaymentKindEnum"] | null;
            /**
             * Payment data
             * @description Additional payment data.
             */
            Data?: components["schemas"]["PaymentData"] | null;
            /**
             * @description Payment origin indicating how the payment was initiated.
             *
             *     Other (Fallback value unmapped in the current version of the API.)
             *
             *     System
             *
             *     Operations
             *
             *     AutomaticPayment
             *
             *     PaymentRequest
             *
             *     BookingEngine
             *
             *     Api (Connector API.)
             *
             *     Terminal
             *
             *     ChannelManager
             *
             *     OnlineCheckout
             *
             *     BillBalancing
             *
             *     OnlineCheckin
             *
             *     PointOfSales
             *
             *     PaymentToInvoiceLinking
             */
            PaymentOrigin?: components["schemas"]["PaymentOriginEnum"] | null;
        };
        /** Alternative payment data */
        PaymentAlternativeData: {
            /**
             * Alternative payment method type
             * @description Type of the alternative payment method.
             *
             *     Ideal (iDEAL)
             *
             *     ApplePay (Apple Pay)
             *
             *     GooglePay (Google Pay)
             *
             *     SepaDirectDebit (SEPA Direct Debit)
             *
             *     PayPal (PayPal)
             *
             *     WireTransfer (Wire transfer)
             */
            Type: components["schemas"]["AlternativePaymentMethodTypeEnum"];
        };
        /** Payment card storage */
        PaymentCardStorage: {
            /** @description Key for accessing PCI proxy storage. */
            PublicKey: string;
        };
        /** Credit card payment data */
        PaymentCreditCardData: {
            /**
             * Format: uuid
             * @description Unique identifier of the payment card.
             */
            CreditCardId?: string | null;
            /**
             * Credit card transaction
             * @description The credit card payment transaction.
             */
            Transaction?: components["schemas"]["CreditCardTransaction"] | null;
        };
        /** Payment data */
        PaymentData: {
            /**
             * Payment data discriminator
             * @description Discriminator pointing to the fields within this object that contains additional data.
             *
             *     CreditCard
             *
             *     Invoice
             *
             *     External
             *
             *     Ghost
             *
             *     Alternative
             */
            readonly Discriminator: components["schemas"]["PaymentDataDiscriminatorEnum"];
            /**
             * Credit card payment data
             * @description Contains additional data in the case of a card payment.
             */
            CreditCard?: components["schemas"]["PaymentCreditCardData"] | null;
            /**
             * Invoice payment data
             * @description Contains additional data in the case of an invoice payment.
             */
            readonly Invoice?: components["schemas"]["PaymentInvoiceData"] | null;
            /**
             * External payment data
             * @description Contains additional data in the case of an external payment.
             */
            readonly External?: components["schemas"]["PaymentExternalData"] | null;
            /**
             * Ghost payment data
             * @description Contains additional data in the case of a ghost payment.
             */
            readonly Ghost?: components["schemas"]["PaymentGhostData"] | null;
            /**
             * Alternative payment data
             * @description Contains additional data in the case of an alternative payment.
             */
            readonly Alternative?: components["schemas"]["PaymentAlternativeData"] | null;
        };
        /**
         * Payment data discriminator
         * @description CreditCard
         *
         *     Invoice
         *
         *     External
         *
         *     Ghost
         *
         *     Alternative
         * @enum {string}
         */
        PaymentDataDiscriminatorEnum: "CreditCard" | "Invoice" | "External" | "Ghost" | "Alternative";
        /**
         * Payment type
         * @description Payment
         *
         *     CreditCardPayment
         *
         *     AlternativePayment
         *
         *     CashPayment
         *
         *     InvoicePayment
         *
         *     ExternalPayment
         *
         *     GhostPayment
         *
         *     TaxDeductedPayment
         * @enum {string}
         */
        PaymentDiscriminatorEnum: "Payment" | "CreditCardPayment" | "AlternativePayment" | "CashPayment" | "InvoicePayment" | "ExternalPayment" | "GhostPayment" | "TaxDeductedPayment";
        /** External payment data */
        PaymentExternalData: {
            /**
             * External payment type
             * @description Type of the external payment. *Except for enterprises based in the French Legal Environment. `Unspecified` is considered as fraud.
             *
             *     Unspecified (Unspecified (unavailable in French Legal Environment))
             *
             *     BadDebts (Bad debts)
             *
             *     Bacs (Bacs payment)
             *
             *     WireTransfer (Wire transfer)
             *
             *     Invoice (Invoice)
             *
             *     ExchangeRateDifference (Exchange rate difference)
             *
             *     Complimentary (Complimentary)
             *
             *     Reseller (Reseller)
             *
             *     ExchangeRoundingDifference (Exchange rounding difference)
             *
             *     Barter (Barter)
             *
             *     Commission (Commission)
             *
             *     BankCharges (Bank charges)
             *
             *     CrossSettlement (Cross settlement)
             *
             *     Cash (Cash)
             *
             *     CreditCard (Credit card – deprecated, only for existing partners)
             *
             *     Prepayment (Prepayment)
             *
             *     Cheque (Cheque)
             *
             *     Bancontact (Bancontact)
             *
             *     IDeal (iDeal – deprecated, only for existing partners)
             *
             *     PayPal (PayPal – deprecated, only for existing partners)
             *
             *     GiftCard (Gift card)
             *
             *     LoyaltyPoints (Loyalty points)
             *
             *     ChequeVacances (Chèque-Vacances)
             *
             *     OnlinePayment (Online payment – deprecated, only for existing partners)
             *
             *     CardCheck (Card check)
             *
             *     PaymentHubRedirection (Payment hub redirection)
             *
             *     Voucher (Voucher)
             *
             *     MasterCard (MasterCard – deprecated, only for existing partners)
             *
             *     Visa (Visa – deprecated, only for existing partners)
             *
             *     Amex (American Express – deprecated, only for existing partners)
             *
             *     Discover (Discover – deprecated, only for existing partners)
             *
             *     DinersClub (Diners Club – deprecated, only for existing partners)
             *
             *     Jcb (JCB – deprecated, only for existing partners)
             *
             *     UnionPay (UnionPay – deprecated, only for existing partners)
             *
             *     Twint (TWINT)
             *
             *     Reka (Reka)
             *
             *     LoyaltyCard (Loyalty card)
             *
             *     PosDiningAndSpaReward (POS Dining & Spa Reward)
             *
             *     DirectDebit (Direct debit)
             *
             *     DepositCheck (Deposit - check)
             *
             *     DepositCash (Deposit - cash)
             *
             *     DepositCreditCard (Deposit - credit card – deprecated, only for existing partners)
             *
             *     DepositWireTransfer (Deposit - wire transfer)
             */
            Type: components["schemas"]["ExternalPaymentTypeEnum"];
            /** @description Identifier of the payment from external system. */
            ExternalIdentifier?: string | null;
        };
        /** PaymentFilterParameters */
        PaymentFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Limitation on the quantity of data returned and optional Cursor for the starting point of data. */
            Limitation: components["schemas"]["Limitation"];
            /** @description Unique identifiers of the Enterprises. If not specified, the operation returns data for all enterprises within scope of the Access Token. */
            EnterpriseIds?: string[] | null;
            /** @description Unique identifiers of specific `Payment` items. Required if no other filter is provided. */
            PaymentIds?: string[] | null;
            /** @description Unique identifiers of specific `Accounts` to which payments belong. Required if no other filter is provided. */
            AccountIds?: string[] | null;
            /** @description Unique identifiers of specific `Bill` items to which payments are assigned. Required if no other filter is provided. */
            BillIds?: string[] | null;
            /** @description Unique identifiers of specific `Reservations` to which payments belong. Required if no other filter is provided. */
            ReservationIds?: string[] | null;
            /**
             * Time interval
             * @description Time interval during which the `Payment` was created. Required if no other filter is provided.
             */
            CreatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Time interval during which the `Payment` was updated. Required if no other filter is provided.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Time interval during which the `Payment` was charged. Required if no other filter is provided.
             */
            ChargedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Time interval during which the `Payment` was closed. Required if no other filter is provided.
             */
            ClosedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the `Payments` were settled.
             */
            SettlementUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Format: currency
             * @description ISO-4217 code of the `Currency` the item costs should be converted to.
             */
            Currency?: string | null;
            /** @description Accounting state of the item. */
            AccountingStates?: components["schemas"]["AccountingState"][] | null;
            /** @description Payment state of the item. */
            States?: components["schemas"]["PaymentState"][] | null;
            /**
             * @description Payment state of the item.
             *
             *     Payment
             *
             *     CreditCardPayment
             *
             *     AlternativePayment
             *
             *     CashPayment
             *
             *     InvoicePayment
             *
             *     ExternalPayment
             *
             *     GhostPayment
             *
             *     TaxDeductedPayment
             */
            Type?: components["schemas"]["PaymentDiscriminatorEnum"] | null;
        };
        /** Ghost payment data */
        PaymentGhostData: {
            /**
             * Format: uuid
             * @description Unique identifier of the original payment.
             */
            OriginalPaymentId: string;
        };
        /** Invoice payment data */
        PaymentInvoiceData: {
            /**
             * Format: uuid
             * @description Unique identifier of the invoice `Bill`.
             */
            InvoiceId?: string | null;
            /**
             * Invoice payment type
             * @description Type of the invoice payment.
             *
             *     Receivable
             *
             *     Balancing
             *
             *     UnderpaymentBalancingReceivable
             *
             *     OverpaymentBalancingReceivable
             *
             *     Overpayment
             */
            Type: components["schemas"]["InvoicePaymentTypeEnum"];
        };
        /**
         * Payment kind
         * @description Payment
         *
         *     Chargeback
         *
         *     ChargebackReversal
         *
         *     Refund
         * @enum {string}
         */
        PaymentKindEnum: "Payment" | "Chargeback" | "ChargebackReversal" | "Refund";
        /**
         * Payment origin
         * @description Other (Fallback value unmapped in the current version of the API.)
         *
         *     System
         *
         *     Operations
         *
         *     AutomaticPayment
         *
         *     PaymentRequest
         *
         *     BookingEngine
         *
         *     Api (Connector API.)
         *
         *     Terminal
         *
         *     ChannelManager
         *
         *     OnlineCheckout
         *
         *     BillBalancing
         *
         *     OnlineCheckin
         *
         *     PointOfSales
         *
         *     PaymentToInvoiceLinking
         * @enum {string}
         */
        PaymentOriginEnum: "Other" | "System" | "Operations" | "AutomaticPayment" | "PaymentRequest" | "BookingEngine" | "Api" | "Terminal" | "ChannelManager" | "OnlineCheckout" | "BillBalancing" | "OnlineCheckin" | "PointOfSales" | "PaymentToInvoiceLinking";
        /** PaymentRefundParameters */
        PaymentRefundParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the enterprise. Required when using [Portfolio Access Tokens](https://mews-systems.gitbook.io/connector-api/concepts/multi-property), ignored otherwise.
             */
            EnterpriseId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of specific [Payment](https://mews-systems.gitbook.io/connector-api/operations/payments/#payment).
             */
            PaymentId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the account (for example [Customer](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer)) the payment belongs to.
             */
            AccountId: string;
            /** @description Refund reason. */
            Reason: string;
            /**
             * Format: double
             * @description Refund amount. If not provided, the whole payment will be refunded.
             */
            ValueToRefund?: number | null;
        };
        /** PaymentRefundResult */
        PaymentRefundResult: {
            /**
             * Format: uuid
             * @description Unique identifier of specific [Payment](https://mews-systems.gitbook.io/connector-api/operations/payments/#payment).
             */
            PaymentId: string;
            /**
             * Format: uuid
             * @description Unique identifier of refund.
             */
            RefundId: string;
            /**
             * Refund type
             * @description Type of refund.
             *
             *     CreditCardPayment
             *
             *     AlternativePayment
             */
            Type: components["schemas"]["RefundTypeEnum"];
            /**
             * Currency value (ver 2023-02-02)
             * @description Absolute value of the fee.
             */
            Amount: components["schemas"]["CurrencyValue"];
            /**
             * Payment state
             * @description Payment state of the refund.
             *
             *     Charged
             *
             *     Canceled
             *
             *     Pending
             *
             *     Failed
             *
             *     Verifying
             */
            State: components["schemas"]["PaymentStateEnum"];
        };
        /** Payment request */
        PaymentRequest: {
            /**
             * Format: uuid
             * @description Unique identifier of the payment request.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Enterprise`.
             */
            EnterpriseId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Customer` to which the payment request was issued.
             */
            AccountId: string;
            /**
             * Format: uuid
             * @deprecated
             * @description Unique identifier of the `Customer` to which the payment request was issued.
             */
            CustomerId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `ReservationGroup`.
             */
            ReservationGroupId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Reservation` the payment request belongs to.
             */
            ReservationId?: string | null;
            State: components["schemas"]["PaymentRequestState"];
            /**
             * Amount
             * @description Amount of the payment request.
             */
            Amount: components["schemas"]["Amount"];
            Type: components["schemas"]["PaymentRequestType"];
            Reason: components["schemas"]["PaymentRequestReason"];
            /**
             * Format: date-time
             * @description Date and time of the payment request's expiration in ISO 8601 format.
             */
            ExpirationUtc: string;
            /** @description Description of the payment request. */
            Description: string;
            /** @description Payment request's notes. */
            Notes?: string | null;
            /**
             * Format: date-time
             * @description Creation date and time of the payment request in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the payment request in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
        };
        /** Payment request parameters */
        PaymentRequestAddParameters: {
            /**
             * Format: uuid
             * @description Unique identifier of the `Customer` account to which the payment request is issued.
             */
            AccountId: string;
            /**
             * Currency value (ver 2023-02-02)
             * @description Amount of the payment request.
             */
            Amount: components["schemas"]["CurrencyValue"];
            Type: components["schemas"]["PaymentRequestType"];
            Reason: components["schemas"]["PaymentRequestReason"];
            /**
             * Format: date-time
             * @description Date and time of the payment request's expiration in ISO 8601 format.
             */
            ExpirationUtc: string;
            /** @description Description of the payment request. */
            Description: string;
            /** @description Payment request's notes. */
            Notes?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Reservation` the payment request belongs to.
             */
            ReservationId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Bill` the payment request is linked to.
             */
            BillId?: string | null;
        };
        /** PaymentRequestAdditionResult */
        PaymentRequestAdditionResult: {
            /** @description The added payment requests. */
            PaymentRequests: components["schemas"]["PaymentRequest"][];
        };
        /** PaymentRequestCancellationResult */
        PaymentRequestCancellationResult: {
            /** @description The cancelled payment requests. */
            PaymentRequests: components["schemas"]["PaymentRequest"][];
        };
        /** PaymentRequestFilterParameters */
        PaymentRequestFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Limitation on the quantity of data returned and optional Cursor for the starting point of data. */
            Limitation: components["schemas"]["Limitation"];
            /** @description Unique identifiers of the Enterprises. If not specified, the operation returns data for all enterprises within scope of the Access Token. */
            EnterpriseIds?: string[] | null;
            /** @description Unique identifiers of the requested payment requests. */
            PaymentRequestIds?: string[] | null;
            /** @description Unique identifiers of `Customer` accounts to which the payment requests were issued. */
            AccountIds?: string[] | null;
            /** @description Unique identifiers of `Reservation` to which the payment requests belong. */
            ReservationIds?: string[] | null;
            /**
             * Time interval
             * @description Interval in which the payment requests were updated.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /** @description A list of payment request states to filter by. */
            States?: components["schemas"]["PaymentRequestState"][] | null;
        };
        /**
         * Payment request reason
         * @description A payment request reason.
         * @enum {string}
         */
        PaymentRequestReason: "Other" | "PaymentCardMissing" | "PaymentCardDeclined" | "Deposit" | "Prepayment" | "Fee" | "RecurringPayment";
        /** PaymentRequestResult */
        PaymentRequestResult: {
            /** @description The filtered payment requests. */
            PaymentRequests: components["schemas"]["PaymentRequest"][];
            /**
             * Format: uuid
             * @description Unique identifier of the last and hence oldest payment request returned. This can be used in `Limitation` in a subsequent request to fetch the next batch of older payment requests.
             */
            Cursor?: string | null;
        };
        /**
         * Payment request state
         * @description A payment request state.
         * @enum {string}
         */
        PaymentRequestState: "Pending" | "Completed" | "Canceled" | "Expired";
        /**
         * Payment request type
         * @description A payment request type.
         * @enum {string}
         */
        PaymentRequestType: "Payment" | "Preauthorization";
        /** PaymentResult */
        PaymentResult: {
            /** @description The list of filtered payments. */
            Payments: components["schemas"]["Payment"][];
            /**
             * Format: uuid
             * @description Unique identifier of the last and hence oldest payment returned. This can be used in [Limitation](https://mews-systems.gitbook.io/connector-api/guidelines/pagination/#limitation) in a subsequent request to fetch the next batch of payments.
             */
            Cursor?: string | null;
        };
        /**
         * Payment state
         * @enum {string}
         */
        PaymentState: "Charged" | "Canceled" | "Pending" | "Failed" | "Verifying";
        /**
         * Payment state
         * @description Charged
         *
         *     Canceled
         *
         *     Pending
         *
         *     Failed
         *
         *     Verifying
         * @enum {string}
         */
        PaymentStateEnum: "Charged" | "Canceled" | "Pending" | "Failed" | "Verifying";
        /** Preauthorization */
        Preauthorization: {
            /**
             * Format: uuid
             * @description Unique identifier of the preauthorization.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the credit card.
             */
            CreditCardId: string;
            /**
             * Amount
             * @description Value of the preauthorization.
             */
            Amount: components["schemas"]["Amount"];
            State: components["schemas"]["PreauthorizationState"];
            /**
             * Format: uuid
             * @description Unique identifier of the `Reservation` the preauthorization belongs to.
             */
            ReservationId?: string | null;
            /** @description Code of the preauthorization. */
            Code?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the customer.
             */
            CustomerId?: string;
            /** @description Whether the preauthorization is active. */
            IsActive?: boolean;
        };
        /** PreauthorizationResult */
        PreauthorizationResult: {
            /** @description Preauthorizations of the specified `Customer`. */
            Preauthorizations: components["schemas"]["Preauthorization"][];
        };
        /**
         * Preauthorization state
         * @description State of the preauthorization.
         * @enum {string}
         */
        PreauthorizationState: "Chargeable" | "Expired" | "Cancelled" | "Charged" | "Pending" | "Failed";
        /**
         * Pricing
         * @description Gross (The enterprise shows amount with gross prices.)
         *
         *     Net (The enterprise shows amount with net prices.)
         * @enum {string}
         */
        PricingModeEnum: "Gross" | "Net";
        /**
         * Product type
         * @description Product
         *
         *     Allowance
         * @enum {string}
         */
        ProductTypeEnum: "Product" | "Allowance";
        /** Promotions */
        Promotions: {
            /** @description Whether it can be promoted before check-in. */
            BeforeCheckIn: boolean;
            /** @description Whether it can be promoted after check-in. */
            AfterCheckIn: boolean;
            /** @description Whether it can be promoted during stay. */
            DuringStay: boolean;
            /** @description Whether it can be promoted before check-out. */
            BeforeCheckOut: boolean;
            /** @description Whether it can be promoted after check-out. */
            AfterCheckOut: boolean;
            /** @description Whether it can be promoted during check-out. */
            DuringCheckOut: boolean;
        };
        /**
         * Refund type
         * @description CreditCardPayment
         *
         *     AlternativePayment
         * @enum {string}
         */
        RefundTypeEnum: "CreditCardPayment" | "AlternativePayment";
        /** Reservation (ver 2023-06-06) */
        Reservation: {
            /**
             * Format: uuid
             * @description Unique identifier of the reservation.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Service` that reservation is made against.
             */
            ServiceId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the Customer or Company who owns the reservation, i.e. the main guest linked to the reservation.
             */
            AccountId: string;
            AccountType: components["schemas"]["AccountType"];
            /**
             * Format: uuid
             * @description Unique identifier of the user who created the reservation.
             */
            CreatorProfileId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the user who updated the reservation.
             */
            UpdaterProfileId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the booker who made the reservation on behalf of the reservation owner, in the special case where the booker is also a registered customer in Mews.
             */
            BookerId?: string | null;
            /** @description Confirmation number of the reservation in Mews. */
            Number: string;
            /**
             * Service order state
             * @description State of the reservation.
             *
             *     Inquired (Confirmed neither by the customer nor enterprise.)
             *
             *     Confirmed (Confirmed by both parties, before check-in.)
             *
             *     Started (Checked in.)
             *
             *     Processed (Checked out.)
             *
             *     Canceled (Canceled.)
             *
             *     Optional (Confirmed by enterprise but not by the guest (the enterprise is holding resource for the guest).)
             *
             *     Requested (Confirmed by the customer but not by the enterprise (waitlist).)
             */
            State: components["schemas"]["ServiceOrderStateEnum"];
            /**
             * Service order origin
             * @description Origin of the reservation.
             *
             *     Distributor (From the Mews Booking Engine or Booking Engine API.)
             *
             *     ChannelManager (From a channel manager.)
             *
             *     Commander (From Mews Operations.)
             *
             *     Import (From an import process.)
             *
             *     Connector (From the Mews Connector API.)
             *
             *     Navigator (From Mews Guest Services.)
             */
            Origin: components["schemas"]["ServiceOrderOriginEnum"];
            /**
             * @description Further detail about origin in case of Origin `Commander`.
             *
             *     InPerson
             *
             *     Channel
             *
             *     Phone
             *
             *     Email
             *
             *     Website
             *
             *     Message
             *
             *     CallCenter
             *
             *     RoomingList
             */
            CommanderOrigin?: components["schemas"]["ServiceOrderCommanderOriginEnum"] | null;
            /** @description Details about the reservation `Origin`. */
            OriginDetails?: string | null;
            /**
             * Format: date-time
             * @description Creation date and time of the reservation in UTC timezone.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the reservation in UTC timezone.
             */
            UpdatedUtc: string;
            /**
             * Format: date-time
             * @description Cancellation date and time in UTC timezone.
             */
            CancelledUtc?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Voucher` that has been used to create reservation.
             */
            VoucherId?: string | null;
            /**
             * Format: uuid
             * @description Identifier of the reservation `BusinessSegment`.
             */
            BusinessSegmentId?: string | null;
            /**
             * Service order options
             * @description Options of the reservation.
             */
            Options: components["schemas"]["ServiceOrderOptions"];
            /**
             * Format: uuid
             * @description Identifier of the reservation `Rate`.
             */
            RateId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the Credit card.
             */
            CreditCardId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the Reservation group.
             */
            GroupId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the Resource category.
             */
            RequestedResourceCategoryId: string;
            /**
             * Format: uuid
             * @description Identifier of the assigned Resource.
             */
            AssignedResourceId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the Availability block the reservation is assigned to.
             */
            AvailabilityBlockId?: string | null;
            /**
             * Format: uuid
             * @description Identifier of the `Company` on behalf of which the reservation was made.
             */
            PartnerCompanyId?: string | null;
            /**
             * Format: uuid
             * @description Identifier of the Travel Agency (`Company`) that mediated the reservation.
             */
            TravelAgencyId?: string | null;
            /** @description Whether the reservation is locked to the assigned Resource and cannot be moved. */
            AssignedResourceLocked?: boolean;
            /** @description Number of the reservation within the Channel (i.e. OTA, GDS, CRS, etc) in case the reservation group originates there (e.g. Booking.com confirmation number). */
            ChannelNumber?: string | null;
            /** @description Unique number of the reservation within the reservation group. */
            ChannelManagerNumber?: string | null;
            /**
             * @description Cancellation reason of the reservation.
             *
             *     Other
             *
             *     ConfirmationMissed
             *
             *     BookedElsewhere
             *
             *     ForceMajeure
             *
             *     GuestComplaint
             *
             *     NoShow
             *
             *     PriceTooHigh
             *
             *     ServiceNotAvailable
             *
             *     InputError
             *
             *     InvalidPayment
             *
             *     TravelAgency
             *
             *     RequestedByGuest
             *
             *     Update
             *
             *     BookingAbandoned
             *
             *     RequestedByBooker
             */
            CancellationReason?: components["schemas"]["ServiceOrderCancellationReasonEnum"] | null;
            /**
             * Format: date-time
             * @description Date when the optional reservation is released in UTC timezone.
             */
            ReleasedUtc?: string | null;
            /**
             * Format: date-time
             * @deprecated
             * @description Reservation start or check-in time (if it's earlier than scheduled start) in UTC timezone in ISO 8601 format.
             */
            StartUtc: string;
            /**
             * Format: date-time
             * @deprecated
             * @description Scheduled end time of reservation in UTC timezone in ISO 8601 format
             */
            EndUtc: string;
            /**
             * Format: date-time
             * @description Scheduled start time of reservation in UTC timezone.
             */
            ScheduledStartUtc: string;
            /**
             * Format: date-time
             * @description Actual customer check-in time of reservation in UTC timezone.
             */
            ActualStartUtc?: string | null;
            /**
             * Format: date-time
             * @description Scheduled end time of reservation in UTC timezone in ISO 8601 format.
             */
            ScheduledEndUtc: string;
            /**
             * Format: date-time
             * @description Actual end time of reservation in UTC timezone in ISO 8601 format.
             */
            ActualEndUtc?: string | null;
            /**
             * @description Purpose of the reservation.
             *
             *     Leisure
             *
             *     Business
             *
             *     Student
             */
            Purpose?: components["schemas"]["ReservationPurposeEnum"] | null;
            /** @description QR code data of the reservation. */
            QrCodeData?: string | null;
            /** @description Number of people per age category the reservation was booked for. */
            PersonCounts: components["schemas"]["ReservationPersonCount"][];
        };
        /** Age category parameters */
        ReservationPersonCount: {
            /**
             * Format: uuid
             * @description Unique identifier of the [Age category](https://mews-systems.gitbook.io/connector-api/operations/agecategories#age-category).
             */
            AgeCategoryId: string;
            /**
             * Format: int32
             * @description Number of people of a given age category. Only positive value is accepted.
             */
            Count: number;
        };
        /**
         * Reservation purpose
         * @description Leisure
         *
         *     Business
         *
         *     Student
         * @enum {string}
         */
        ReservationPurposeEnum: "Leisure" | "Business" | "Student";
        /** ReservationServiceOrderFilterParameters */
        ReservationServiceOrderFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Limitation on the quantity of data returned and optional Cursor for the starting point of data. */
            Limitation: components["schemas"]["Limitation"];
            /** @description Unique identifiers of the Enterprises. If not specified, the operation returns data for all enterprises within scope of the Access Token. */
            EnterpriseIds?: string[] | null;
            /** @description Unique identifiers of the [Reservations](https://mews-systems.gitbook.io/connector-api/operations/#reservation-ver-2023-06-06). */
            ReservationIds?: string[] | null;
            /** @description Unique identifiers of the [Services](https://mews-systems.gitbook.io/connector-api/operations/services/#service). If not provided, all bookable services are used. */
            ServiceIds?: string[] | null;
            /** @description Unique identifiers of [Reservation groups](https://mews-systems.gitbook.io/connector-api/operations/#reservation-group). */
            ReservationGroupIds?: string[] | null;
            /** @description Unique identifiers of accounts (currently only [Customers](https://mews-systems.gitbook.io/connector-api/operations/customers/#customer), in the future also [Companies](https://mews-systems.gitbook.io/connector-api/operations/companies/#company)) the reservation is associated with. */
            AccountIds?: string[] | null;
            /** @description Unique identifiers of the `Companies` on behalf of which the reservations were made. */
            PartnerCompanyIds?: string[] | null;
            /** @description Identifier of the Travel Agencies (`Company`) that mediated the reservations. */
            TravelAgencyIds?: string[] | null;
            /** @description Reservation confirmation numbers. */
            Numbers?: string[] | null;
            /** @description Numbers or references used by a Channel (OTA, GDS, CRS, etc.) in case the reservation group originates there, e.g. Booking.com confirmation numbers. */
            ChannelNumbers?: string[] | null;
            /** @description Unique identifiers of the [Resources](https://mews-systems.gitbook.io/connector-api/operations/resources#resource) assigned to the reservations. */
            AssignedResourceIds?: string[] | null;
            /** @description Unique identifiers of the `Availability blocks` assigned to the reservations. */
            AvailabilityBlockIds?: string[] | null;
            /**
             * Time interval
             * @description Interval in which the [Reservation](https://mews-systems.gitbook.io/connector-api/operations/reservations/#reservation-ver-2023-06-06) was created.
             */
            CreatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the `Reservations` were updated.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the reservations are active. This is defined for a `Reservation` as the period between the reservation's scheduled start time `ScheduledStartUtc` and its scheduled end time `EndUtc`. Reservation is selected if any part of its interval intersects with the interval specified in `CollidingUtc
             */
            CollidingUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval filtering Reservations by their scheduled start time. Cannot be used with `ActualStartUtc`.
             */
            ScheduledStartUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval filtering Reservations by their actual start (check-in) time. Cannot be used with `ScheduledStartUtc`. Note that the filter applies only to started or processed reservations.
             */
            ActualStartUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval filtering Reservations by their actual end (check-out) time. Cannot be used with `ScheduledEndUtc`.
             */
            ActualEndUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval filtering Reservations by their scheduled end time. Cannot be used with `ActualEndUtc`.
             */
            ScheduledEndUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /** @description A list of service order states to filter by. */
            States?: components["schemas"]["ServiceOrderStateEnum"][] | null;
        };
        /** ReservationServiceOrderResult */
        ReservationServiceOrderResult: {
            /** @description The reservations of the enterprise. */
            Reservations: components["schemas"]["Reservation"][];
            /**
             * Format: uuid
             * @description Unique identifier of the item one newer in time order than the items to be returned. If Cursor is not specified, i.e. null, then the latest or most recent items will be returned.
             */
            Cursor?: string | null;
        };
        /** Resource */
        Resource: {
            /**
             * Format: uuid
             * @description Unique identifier of the resource.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Enterprise`.
             */
            EnterpriseId: string;
            /** @description Whether the resource is still active. */
            IsActive: boolean;
            /**
             * Format: uuid
             * @description Identifier of the parent `Resource` (e.g. room of a bed).
             */
            ParentResourceId?: string | null;
            /** @description Name of the resource (e.g. room number). */
            Name: string;
            State: components["schemas"]["ResourceState"];
            /**
             * Localized text
             * @description All translations of the description.
             */
            Descriptions: {
                [key: string]: string;
            };
            /** @description Creation date and time of the resource in UTC timezone in ISO 8601 format. */
            CreatedUtc: string;
            /** @description Last update date and time of the resource in UTC timezone in ISO 8601 format. */
            UpdatedUtc: string;
            /**
             * Resource data
             * @description Additional data of the resource.
             */
            Data: {
                Discriminator?: components["schemas"]["ResourceDataDiscriminator"];
                /** @description Based on `Discriminator`. Currently present only for `Space` resources with [Space resource data](https://mews-systems.gitbook.io/connector-api/operations/resources#space-resource-data). */
                Value?: components["schemas"]["SpaceData"] | Record<string, never> | Record<string, never>;
            };
            /**
             * Localized text
             * @description All translations of external name.
             */
            ExternalNames: {
                [key: string]: string;
            };
            /**
             * Localized text
             * @description All translations of direction.
             */
            Directions: {
                [key: string]: string;
            };
        };
        /** Resource category */
        ResourceCategory: {
            /**
             * Format: uuid
             * @description Unique identifier of the category.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Enterprise`.
             */
            EnterpriseId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the `Service` of the resource category.
             */
            ServiceId: string;
            /** @description Whether the category is still active. */
            IsActive: boolean;
            Type: components["schemas"]["ResourceCategoryType"];
            Classification: components["schemas"]["ResourceClassification"];
            /**
             * Localized text
             * @description All translations of the name.
             */
            Names: {
                [key: string]: string;
            };
            /**
             * Localized text
             * @description All translations of the short name.
             */
            ShortNames: {
                [key: string]: string;
            };
            /**
             * Localized text
             * @description All translations of the description.
             */
            Descriptions: {
                [key: string]: string;
            };
            /**
             * Format: int32
             * @description Ordering of the category, lower number corresponds to lower category (note that neither uniqueness nor continuous sequence is guaranteed).
             */
            Ordering: number;
            /**
             * Format: int32
             * @description Capacity that can be served (e.g. bed count).
             */
            Capacity: number;
            /**
             * Format: int32
             * @description Extra capacity that can be served (e.g. extra bed count).
             */
            ExtraCapacity: number;
            /** @description Identifier of the resource category from external system. */
            ExternalIdentifier?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the accounting category.
             */
            AccountingCategoryId?: string | null;
        };
        /** Resource category assignment */
        ResourceCategoryAssignment: {
            /**
             * Format: uuid
             * @description Unique identifier of the assignment.
             */
            Id: string;
            /** @description Whether the assignment is still active. */
            IsActive: boolean;
            /**
             * Format: uuid
             * @description Unique identifier of the [Resource](https://mews-systems.gitbook.io/connector-api/operations/#resource) assigned to the Resource category.
             */
            ResourceId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Resource category](https://mews-systems.gitbook.io/connector-api/operations/#resource-category).
             */
            CategoryId: string;
            /**
             * Format: date-time
             * @description Creation date and time of the assignment in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the assignment in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
        };
        /** Resource category image assignment */
        ResourceCategoryImageAssignment: {
            /**
             * Format: uuid
             * @description Unique identifier of the assignment.
             */
            Id: string;
            /** @description Whether the assignment is still active. */
            IsActive: boolean;
            /**
             * Format: uuid
             * @description Unique identifier of the [Resource category](https://mews-systems.gitbook.io/connector-api/operations/#resource-category).
             */
            CategoryId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the image assigned to the Resource category.
             */
            ImageId: string;
            /**
             * Format: date-time
             * @description Creation date and time of the assignment in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the assignment in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
            /**
             * Format: int32
             * @description Ordering of the image in the resource category.
             */
            Ordering: number;
        };
        /**
         * Resource category type
         * @description Type of the category.
         * @enum {string}
         */
        ResourceCategoryType: "Room" | "Bed" | "Dorm" | "Apartment" | "Suite" | "Villa" | "Site" | "Office" | "MeetingRoom" | "ParkingSpot" | "Desk" | "TeamArea" | "Membership" | "Tent" | "CaravanOrRV" | "UnequippedCampsite" | "Bike" | "ExtraBed" | "Cot" | "Crib" | "ConferenceRoom" | "Rooftop" | "Garden" | "Restaurant" | "Amphitheater" | "PrivateSpaces";
        /**
         * Resource classification
         * @description Classification of the resource category.
         * @enum {string}
         */
        ResourceClassification: "StandardSingle" | "StandardDouble" | "SuperiorTwin" | "SuperiorDouble" | "JuniorSuite" | "SharedOrDorm" | "Other" | "SuperiorSingle" | "Triple" | "Family" | "StandardTwin" | "Studio" | "SuperiorTripleRoom" | "OneBedroomApartment" | "ThreeBedroomsApartment" | "TwoBedroomsApartment";
        /**
         * Resource data discriminator
         * @description Whether the resource is space, object, or person.
         * @enum {string}
         */
        ResourceDataDiscriminator: "Space" | "Object" | "Person";
        /** Resource extent */
        ResourceExtent: {
            /** @description Whether the response should contain resources. */
            Resources?: boolean | null;
            /**
             * @deprecated
             * @description Whether the response should contain categories.
             */
            ResourceCategories?: boolean | null;
            /**
             * @deprecated
             * @description Whether the response should contain assignments of the resources to categories.
             */
            ResourceCategoryAssignments?: boolean | null;
            /**
             * @deprecated
             * @description Whether the response should contain assignments of the images to categories.
             */
            ResourceCategoryImageAssignments?: boolean | null;
            /**
             * @deprecated
             * @description Whether the response should contain resource features.
             */
            ResourceFeatures?: boolean | null;
            /**
             * @deprecated
             * @description Whether the response should contain assignments of the resources to features.
             */
            ResourceFeatureAssignments?: boolean | null;
            /** @description Whether the response should contain inactive entities. */
            Inactive?: boolean | null;
        };
        /** Resource feature */
        ResourceFeature: {
            /**
             * Format: uuid
             * @description Unique identifier of `ResourceFeature`.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of `Service` the resource feature belongs to.
             */
            ServiceId: string;
            /** @description Whether the `ResourceFeature` is active. */
            IsActive: boolean;
            Classification: components["schemas"]["ResourceFeatureClassification"];
            /**
             * Localized text
             * @description All translations of the name.
             */
            Names: {
                [key: string]: string;
            };
            /**
             * Localized text
             * @description All translations of the short name.
             */
            ShortNames: {
                [key: string]: string;
            };
            /**
             * Localized text
             * @description All translations of the description.
             */
            Descriptions: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description Creation date and time of the resource feature in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the resource feature in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
        };
        /** Resource feature assignment */
        ResourceFeatureAssignment: {
            /**
             * Format: uuid
             * @description Unique identifier of the assignment.
             */
            Id: string;
            /** @description Whether the assignment is still active. */
            IsActive: boolean;
            /**
             * Format: uuid
             * @description Unique identifier of the [Resource](https://mews-systems.gitbook.io/connector-api/operations/resources/#resource).
             */
            ResourceId: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Resource feature](https://mews-systems.gitbook.io/connector-api/operations/#resource-feature) assigned to the Resource.
             */
            FeatureId: string;
            /**
             * Format: date-time
             * @description Creation date and time of the assignment in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the assignment in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
        };
        /**
         * Resource feature classification
         * @description Classification of `ResourceFeature`.
         * @enum {string}
         */
        ResourceFeatureClassification: "SeaView" | "RiverView" | "OceanView" | "TwinBeds" | "DoubleBed" | "RollawayBed" | "UpperBed" | "LowerBed" | "Balcony" | "AccessibleBathroom" | "AccessibleRoom" | "ElevatorAccess" | "HighFloor" | "Kitchenette" | "AirConditioning" | "PrivateJacuzzi" | "PrivateSauna" | "EnsuiteRoom" | "PrivateBathroom" | "SharedBathroom";
        /** ResourceFilterParameters */
        ResourceFilterParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /** @description Limitation on the quantity of data returned and optional Cursor for the starting point of data. */
            Limitation: components["schemas"]["Limitation"];
            /** @description Unique identifiers of the Enterprises. If not specified, the operation returns data for all enterprises within scope of the Access Token. */
            EnterpriseIds?: string[] | null;
            /** @description Unique identifiers of the requested resources. */
            ResourceIds?: string[] | null;
            /** @description Names of the requested resources. */
            Names?: string[] | null;
            /**
             * Resource extent
             * @description Extent of data to be returned.
             */
            Extent: components["schemas"]["ResourceExtent"];
            /**
             * Time interval
             * @description Interval in which the resources were created.
             */
            CreatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
            /**
             * Time interval
             * @description Interval in which the resources were updated.
             */
            UpdatedUtc?: components["schemas"]["TimeFilterInterval"] | null;
        };
        /** ResourceResult */
        ResourceResult: {
            /** @description The resources of the enterprise. */
            Resources?: components["schemas"]["Resource"][] | null;
            /**
             * @deprecated
             * @description Categories of resources in the enterprise.
             */
            ResourceCategories?: components["schemas"]["ResourceCategory"][] | null;
            /**
             * @deprecated
             * @description Assignments of resources to categories.
             */
            ResourceCategoryAssignments?: components["schemas"]["ResourceCategoryAssignment"][] | null;
            /**
             * @deprecated
             * @description Assignments of images to categories.
             */
            ResourceCategoryImageAssignments?: components["schemas"]["ResourceCategoryImageAssignment"][] | null;
            /**
             * @deprecated
             * @description Features of resources in the enterprise.
             */
            ResourceFeatures?: components["schemas"]["ResourceFeature"][] | null;
            /**
             * @deprecated
             * @description Assignments of resource features to resources.
             */
            ResourceFeatureAssignments?: components["schemas"]["ResourceFeatureAssignment"][] | null;
            /**
             * Format: uuid
             * @description Unique identifier of the item one newer in time order than the items to be returned. If Cursor is not specified, i.e. `null`, then the latest or most recent items will be returned.
             */
            Cursor?: string | null;
        };
        /**
         * Resource state
         * @description State of the resource.
         *
         *     Dirty
         *
         *     Clean
         *
         *     Inspected
         *
         *     OutOfService
         *
         *     OutOfOrder
         * @enum {string}
         */
        ResourceState: "Dirty" | "Clean" | "Inspected" | "OutOfService" | "OutOfOrder";
        /**
         * Revenue type
         * @description Revenue type.
         *
         *     Service
         *
         *     Product
         *
         *     Additional
         * @enum {string}
         */
        RevenueTypeEnum: "Service" | "Product" | "Additional";
        /** SEPA Direct Debit data */
        SepaDirectDebitData: {
            /** @description The customer's bank account number in IBAN format. */
            Iban: string;
            /** @description Full name of the customer. */
            Name: string;
            /**
             * Format: email
             * @description Email address of the customer.
             */
            Email: string;
            /** @description The user agent of the browser from which the Mandate was accepted by the customer. */
            UserAgent: string;
            /** @description The IP address from which the Mandate was accepted by the customer. */
            RemoteIpAddress: string;
        };
        /** Service */
        Service: {
            /**
             * Format: uuid
             * @description Unique identifier of the service.
             */
            Id: string;
            /**
             * Format: uuid
             * @description Unique identifier of the [Enterprise](https://mews-systems.gitbook.io/connector-api/operations/enterprises/#enterprise).
             */
            EnterpriseId: string;
            /** @description Whether the service is still active. */
            IsActive: boolean;
            /**
             * @deprecated
             * @description Name of the service.
             */
            Name: string;
            /**
             * Localized text
             * @description All translations of the name.
             */
            Names: {
                [key: string]: string;
            };
            /** @deprecated */
            StartTime?: string | null;
            /** @deprecated */
            EndTime?: string | null;
            /**
             * Service options
             * @description Options of the service.
             */
            Options: components["schemas"]["ServiceOptions"];
            /** @deprecated */
            Promotions?: components["schemas"]["Promotions"] | null;
            /** @deprecated */
            Type?: string | null;
            /**
             * Format: int32
             * @description Order value for presentation purposes.
             */
            Ordering: number;
            /**
             * Service data
             * @description Additional information about the specific service.
             */
            Data: {
                Discriminator?: components["schemas"]["ServiceDataDiscriminator"];
                Value?: components["schemas"]["BookableServiceData"] | components["schemas"]["AdditionalServiceData"];
            };
            /** @description Identifier of the service from external system. */
            ExternalIdentifier?: string | null;
            /**
             * Format: date-time
             * @description Creation date and time of the service in UTC timezone in ISO 8601 format.
             */
            CreatedUtc: string;
            /**
             * Format: date-time
             * @description Last update date and time of the service in UTC timezone in ISO 8601 format.
             */
            UpdatedUtc: string;
        };
        /**
         * Service data discriminator
         * @enum {string}
         */
        ServiceDataDiscriminator: "Bookable" | "Additional";
        /**
         * Service options
         * @description Options of the service.
         */
        ServiceOptions: {
            /** @description Products should be displayed as a single package instead of individual items. */
            BillAsPackage: boolean;
        };
        /**
         * Reservation cancellation reason
         * @description Other
         *
         *     ConfirmationMissed
         *
         *     BookedElsewhere
         *
         *     ForceMajeure
         *
         *     GuestComplaint
         *
         *     NoShow
         *
         *     PriceTooHigh
         *
         *     ServiceNotAvailable
         *
         *     InputError
         *
         *     InvalidPayment
         *
         *     TravelAgency
         *
         *     RequestedByGuest
         *
         *     Update
         *
         *     BookingAbandoned
         *
         *     RequestedByBooker
         * @enum {string}
         */
        ServiceOrderCancellationReasonEnum: "Other" | "ConfirmationMissed" | "BookedElsewhere" | "ForceMajeure" | "GuestComplaint" | "NoShow" | "PriceTooHigh" | "ServiceNotAvailable" | "InputError" | "InvalidPayment" | "TravelAgency" | "RequestedByGuest" | "Update" | "BookingAbandoned" | "RequestedByBooker";
        /**
         * Commander origin
         * @description InPerson
         *
         *     Channel
         *
         *     Phone
         *
         *     Email
         *
         *     Website
         *
         *     Message
         *
         *     CallCenter
         *
         *     RoomingList
         * @enum {string}
         */
        ServiceOrderCommanderOriginEnum: "InPerson" | "Channel" | "Phone" | "Email" | "Website" | "Message" | "CallCenter" | "RoomingList";
        /** Service Order Options */
        ServiceOrderOptions: {
            /** @description Owner of the reservation checked in. */
            OwnerCheckedIn: boolean;
            /** @description All companions of the reservation checked in. */
            AllCompanionsCheckedIn: boolean;
            /** @description Any of the companions of the reservation checked in. */
            AnyCompanionCheckedIn: boolean;
            /** @description Check in was done via Connector API. */
            ConnectorCheckIn: boolean;
        };
        /**
         * Service order origin
         * @description Distributor (From the Mews Booking Engine or Booking Engine API.)
         *
         *     ChannelManager (From a channel manager.)
         *
         *     Commander (From Mews Operations.)
         *
         *     Import (From an import process.)
         *
         *     Connector (From the Mews Connector API.)
         *
         *     Navigator (From Mews Guest Services.)
         * @enum {string}
         */
        ServiceOrderOriginEnum: "Distributor" | "ChannelManager" | "Commander" | "Import" | "Connector" | "Navigator";
        /**
         * Service order state
         * @description Inquired (Confirmed neither by the customer nor enterprise.)
         *
         *     Confirmed (Confirmed by both parties, before check-in.)
         *
         *     Started (Checked in.)
         *
         *     Processed (Checked out.)
         *
         *     Canceled (Canceled.)
         *
         *     Optional (Confirmed by enterprise but not by the guest (the enterprise is holding resource for the guest).)
         *
         *     Requested (Confirmed by the customer but not by the enterprise (waitlist).)
         * @enum {string}
         */
        ServiceOrderStateEnum: "Inquired" | "Confirmed" | "Started" | "Processed" | "Canceled" | "Optional" | "Requested";
        /**
         * Sex
         * @enum {string}
         */
        Sex: "Male" | "Female";
        /**
         * Sex
         * @description Male
         *
         *     Female
         * @enum {string}
         */
        SexEnum: "Male" | "Female";
        /** Space resource data */
        SpaceData: {
            /** @description Number of the floor the space is on. */
            FloorNumber: string;
            /** @description Location notes for the space. It can be, for example, Building number the space is located in or the Parking area the particular parking space is at. */
            LocationNotes?: string | null;
        };
        /** Surcharging fees configuration */
        SurchargeConfiguration: {
            /**
             * CreditCardTypeDecimalIDictionary
             * @description Dictionary keys are `CreditCardType` and values are surcharging fees as a percentage.
             */
            SurchargeFees: {
                /** Format: double */
                MasterCard?: number;
                /** Format: double */
                Visa?: number;
                /** Format: double */
                Amex?: number;
                /** Format: double */
                Discover?: number;
                /** Format: double */
                DinersClub?: number;
                /** Format: double */
                Jcb?: number;
                /** Format: double */
                Maestro?: number;
                /** Format: double */
                UnionPay?: number;
                /** Format: double */
                VPay?: number;
                /** Format: double */
                RuPay?: number;
                /** Format: double */
                Dankort?: number;
                /** Format: double */
                Mir?: number;
                /** Format: double */
                Verve?: number;
                /** Format: double */
                Troy?: number;
                /** Format: double */
                PostFinance?: number;
                /** Format: double */
                Giro?: number;
                /** Format: double */
                Bancomat?: number;
                /** Format: double */
                Bc?: number;
                /** Format: double */
                CarteBleue?: number;
                /** Format: double */
                Eftpos?: number;
                /** Format: double */
                Eps?: number;
                /** Format: double */
                Interac?: number;
                /** Format: double */
                Isracard?: number;
                /** Format: double */
                Meps?: number;
                /** Format: double */
                Nets?: number;
                /** Format: double */
                Bancontact?: number;
            };
            /**
             * Format: uuid
             * @description Unique identifier of the surcharging `Service`.
             */
            SurchargeServiceId?: string | null;
            /** @description Surcharging fee `TaxCode`. */
            SurchargeTaxCode?: string | null;
        };
        /** Tax breakdown */
        TaxBreakdown: {
            /** @description Tax breakdown items per each tax rate applied. */
            Items: components["schemas"]["TaxBreakdownItem"][];
        };
        /** Tax breakdown item */
        TaxBreakdownItem: {
            /** @description Tax rate code for the item. `null` for untaxed amounts. */
            TaxRateCode?: string | null;
            /**
             * Format: double
             * @description The net value that the tax is calculated from.
             */
            NetValue: number;
            /**
             * Format: double
             * @description The value of the tax.
             */
            TaxValue: number;
        };
        /**
         * Tax exemption reason type
         * @description Unknown (Unknown tax exemption reason)
         *
         *     IT_N1 (N1 - Escluse ex art.15)
         *
         *     IT_N2_1 (N2.1 - Non soggette ad IVA ai sensi degli artt. da 7 a 7-septies del d.P.R. n. 633/72)
         *
         *     IT_N2_2 (N2.2 - Non soggette – altri casi)
         *
         *     IT_N3_4 (N3.4 - Non imponibili – operazioni assimilate alle cessioni all’esportazione)
         *
         *     IT_N3_5 (N3.5 - Non imponibili – a seguito di dichiarazioni d’intento)
         *
         *     IT_N4 (N4 - Esenti)
         *
         *     IT_N5 (N5 - Regime del margine / IVA non esposta in fattura)
         *
         *     PL_ZW (ZW - Zwolniony)
         *
         *     PL_NP (NP - Nie podlega)
         *
         *     DE_NATO (NATO-ZAbk - Umsatzsteuerbefreiung gemäß Artikel 67(3) NATO-Zusatzabkommen)
         * @enum {string}
         */
        TaxExemptionReasonTypeEnum: "Unknown" | "IT_N1" | "IT_N2_1" | "IT_N2_2" | "IT_N3_4" | "IT_N3_5" | "IT_N4" | "IT_N5" | "PL_ZW" | "PL_NP" | "DE_NATO";
        /** Tax value */
        TaxValue: {
            /** @description Code corresponding to tax type. */
            Code?: string | null;
            /**
             * Format: double
             * @description Amount of tax applied.
             */
            Value: number;
        };
        /**
         * Time interval
         * @description When a time interval is used for **filtering** (for example in parameters such as `CreatedUtc.StartUtc` / `CreatedUtc.EndUtc`), the following rules apply:
         *
         *     - **Start equals End (equality mode)**
         *       If `StartUtc` and `EndUtc` are exactly the same timestamp, the filter is treated as an equality check for that precise moment in time:
         *
         *       ```
         *       CreatedUtc == StartUtc
         *       ```
         *
         *       This does not represent an interval; only records with `CreatedUtc` equal to that exact instant are returned.
         *
         *     - **Start differs from End (interval mode)**
         *       If `StartUtc` and `EndUtc` are different, the filter is evaluated as a half-open interval:
         *
         *       ```
         *       StartUtc <= CreatedUtc < EndUtc
         *       ```
         *
         *       In other words, the start is inclusive and the end is exclusive.
         *
         *     Make sure your integration takes inclusive Start / exclusive End behavior of time intervals into account so that no records at the boundaries are omitted.
         */
        TimeFilterInterval: {
            /** Format: date-time */
            StartUtc?: string | null;
            /** Format: date-time */
            EndUtc?: string | null;
        };
        /**
         * Time unit period
         * @description Day
         *
         *     Month
         *
         *     Hour
         * @enum {string}
         */
        TimeUnitPeriodEnum: "Day" | "Month" | "Hour";
        /**
         * Title
         * @description Type of the title prefix of the customer.
         *
         *     Note that the value should not be used as-is, but localized. For example, the value `Misses` should be displayed as `Mrs.` in English and `Fr.` in German.
         *
         *     Mister (Mr.)
         *
         *     Miss (Ms.)
         *
         *     Misses (Mrs.)
         * @enum {string}
         */
        Title: "Mister" | "Miss" | "Misses";
        /** TokenizedCreditCardAddParameters */
        TokenizedCreditCardAddParameters: {
            /** @description Token identifying the client application. */
            ClientToken: string;
            /** @description Access token of the client application. */
            AccessToken: string;
            /** @description Name and version of the client application. */
            Client: string;
            /**
             * Format: uuid
             * @description Unique identifier of the enterprise. Required when using [Portfolio Access Tokens](https://mews-systems.gitbook.io/connector-api/concepts/multi-property), ignored otherwise.
             */
            EnterpriseId?: string | null;
            /**
             * Format: uuid
             * @description Unique identifier of the `Customer`.
             */
            CustomerId: string;
            /**
             * Credit card data
             * @description Credit card details provided by PCI provider.
             */
            CreditCardData: components["schemas"]["CreditCardData"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    configuration_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ConfigurationFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Configuration"];
                };
            };
        };
    };
    customers_getAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CustomerFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerResult"];
                };
            };
        };
    };
    customers_add: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CustomerAddParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
        };
    };
    creditCards_getAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreditCardFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditCardResult"];
                };
            };
        };
    };
    creditCards_addTokenized: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TokenizedCreditCardAddParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddCreditCardResult"];
                };
            };
        };
    };
    creditCards_charge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ChargeCreditCardParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChargeCreditCardResult"];
                };
            };
        };
    };
    payments_addCreditCard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreditCardPaymentParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddCreditCardResult"];
                };
            };
        };
    };
    payments_addExternal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ExternalPaymentParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddExternalPaymentResult"];
                };
            };
        };
    };
    payments_addAlternative: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AlternativePaymentParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlternativePaymentResult"];
                };
            };
        };
    };
    payments_getAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PaymentFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentResult"];
                };
            };
        };
    };
    payments_refund: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PaymentRefundParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRefundResult"];
                };
            };
        };
    };
    "reservations_getAll_2023-06-06": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReservationServiceOrderFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationServiceOrderResult"];
                };
            };
        };
    };
    resources_getAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ResourceFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceResult"];
                };
            };
        };
    };
    orderItems_getAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OrderItemFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderItemResult"];
                };
            };
        };
    };
    paymentRequests_add: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MultiplePaymentRequestAddParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequestAdditionResult"];
                };
            };
        };
    };
    paymentRequests_getAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PaymentRequestFilterParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequestResult"];
                };
            };
        };
    };
    paymentRequests_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MultiplePaymentRequestCancelParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequestCancellationResult"];
                };
            };
        };
    };
    preauthorizations_getAllByCustomers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MultipleCustomerParameters"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreauthorizationResult"];
                };
            };
        };
    };
}
