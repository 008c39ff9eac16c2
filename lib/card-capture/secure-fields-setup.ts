import { ACCEPTED_CARD_BRANDS } from './card-brands';
import { SECURE_FIELD_STYLES } from './field-styles';
import type {
  SecureFieldDefinition,
  SecureFieldName,
  SecureFieldsInitOptions,
  SecureFieldsInstance,
} from './secure-fields-api';

/** Everything `initTokenize` is called with, whoever calls it (the page's boot script or the hook). */
export interface SecureFieldsSetup {
  scriptUrl: string;
  /** The Mews `PaymentCardStorage.PublicKey`: PCI Proxy's merchant id. */
  merchantId: string;
  cardNumberElementId: string;
  cvvElementId: string;
  labels: {
    cardNumber: string;
    cvv: string;
    cardNumberPlaceholder: string;
    cvvPlaceholder: string;
  };
}

export type InitTokenizeArguments = [
  merchantId: string,
  fields: Record<SecureFieldName, SecureFieldDefinition>,
  options: SecureFieldsInitOptions,
];

/** One definition of the two fields, so the iframes look the same however they were started. */
export function initTokenizeArguments(setup: SecureFieldsSetup): InitTokenizeArguments {
  const { labels } = setup;
  return [
    setup.merchantId,
    {
      cardNumber: {
        placeholderElementId: setup.cardNumberElementId,
        inputType: 'tel',
        placeholder: labels.cardNumberPlaceholder,
        ariaLabel: labels.cardNumber,
        iframeTitle: labels.cardNumber,
      },
      cvv: {
        placeholderElementId: setup.cvvElementId,
        inputType: 'tel',
        placeholder: labels.cvvPlaceholder,
        ariaLabel: labels.cvv,
        iframeTitle: labels.cvv,
      },
    },
    { styles: { ...SECURE_FIELD_STYLES }, paymentMethods: [...ACCEPTED_CARD_BRANDS] },
  ];
}

/** The events the boot script forwards, in the library's names. */
export const BOOT_EVENTS = ['ready', 'error', 'change', 'validate', 'success'] as const;
export type BootEvent = (typeof BOOT_EVENTS)[number];

/**
 * What the pay page's boot script (./secure-fields-boot) leaves on `window` for the form's hook:
 * the instance it started before React hydrated, and what the library said meanwhile.
 */
export interface SecureFieldsBoot {
  /** `scriptUrl|merchantId|cardNumberElementId|cvvElementId`: the hook adopts only its own fields. */
  key: string;
  state: 'loading' | 'started' | 'ready' | 'failed';
  instance: SecureFieldsInstance | null;
  /** The form's handlers, once it adopted the instance; events before that are kept in `last`. */
  handlers: Partial<Record<BootEvent, (payload: unknown) => void>>;
  last: Partial<Record<BootEvent, unknown>>;
  /** Called when the instance is made, if the form adopted the boot before the script arrived. */
  onInstance: ((instance: SecureFieldsInstance) => void) | null;
  adopted: boolean;
}

declare global {
  interface Window {
    __secureFieldsBoot?: SecureFieldsBoot;
  }
}

export function bootKey(
  setup: Pick<
    SecureFieldsSetup,
    'scriptUrl' | 'merchantId' | 'cardNumberElementId' | 'cvvElementId'
  >,
): string {
  return [setup.scriptUrl, setup.merchantId, setup.cardNumberElementId, setup.cvvElementId].join(
    '|',
  );
}

/** The guest card form's placeholders: the boot script and the form must name the same elements. */
export const GUEST_CARD_FIELD_IDS = { cardNumber: 'card-number', cvv: 'card-cvv' } as const;
