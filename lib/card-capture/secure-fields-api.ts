/**
 * Types of PCI Proxy Secure Fields 2.0 (`secure-fields-2.0.0.js`), as documented by PCI Proxy and
 * reproduced by our sandbox. The script puts a `SecureFields` constructor on `window`; the card
 * number and CVV live in its iframes, and only these payloads ever reach our page.
 */

export type SecureFieldName = 'cardNumber' | 'cvv';

export type CardBrandCode =
  'VIS' | 'ECA' | 'AMX' | 'DIN' | 'DIS' | 'JCB' | 'ELO' | 'CUP' | (string & {});

export interface SecureFieldDefinition {
  placeholderElementId: string;
  inputType?: 'tel' | 'text';
  placeholder?: string;
  ariaLabel?: string;
  iframeTitle?: string;
}

export interface SecureFieldsInitOptions {
  styles?: Record<string, string>;
  focus?: SecureFieldName;
  paymentMethods?: CardBrandCode[];
}

export interface SecureFieldState {
  length: number;
  valid: boolean;
  paymentMethod?: CardBrandCode;
  coBrand?: string;
}

export interface SecureFieldsStatePayload {
  fields: Partial<Record<SecureFieldName, SecureFieldState>>;
  hasErrors: boolean;
}

export interface SecureFieldsChangePayload extends SecureFieldsStatePayload {
  event: { field: SecureFieldName | 'expiryMonth' | 'expiryYear'; type: string; value?: string };
}

export interface SecureFieldsCardInfo {
  brand?: string;
  type?: string;
  usage?: string;
  country?: string;
  issuer?: string;
}

export interface SecureFieldsSuccessPayload {
  result: string;
  /** 18-digit string; never convert it to a number. */
  transactionId?: string;
  cardInfo?: SecureFieldsCardInfo;
  error?: unknown;
}

export interface SecureFieldsCardInfoPayload {
  event: 'cardInfo';
  data: { cardInfo?: SecureFieldsCardInfo; maskedCard?: string; paymentMethod?: CardBrandCode };
}

export interface SecureFieldsEvents {
  ready: () => void;
  change: (payload: SecureFieldsChangePayload) => void;
  validate: (payload: SecureFieldsStatePayload) => void;
  success: (payload: SecureFieldsSuccessPayload) => void;
  error: (payload: unknown) => void;
  cardInfo: (payload: SecureFieldsCardInfoPayload) => void;
}

export interface SecureFieldsInstance {
  initTokenize(
    merchantId: string,
    fields: Partial<Record<SecureFieldName, SecureFieldDefinition | string>>,
    options?: SecureFieldsInitOptions,
  ): void;
  on<E extends keyof SecureFieldsEvents>(event: E, handler: SecureFieldsEvents[E]): void;
  submit(data?: { expm?: string | number; expy?: string | number }): void;
  setStyle(selector: string, css: string): void;
  setPlaceholder(field: SecureFieldName, text: string): void;
  focus(field: SecureFieldName): void;
  getCardInfo(callback?: (payload: SecureFieldsCardInfoPayload) => void): void;
  destroy(): void;
}

export type SecureFieldsConstructor = new () => SecureFieldsInstance;

declare global {
  interface Window {
    SecureFields?: SecureFieldsConstructor;
  }
}
