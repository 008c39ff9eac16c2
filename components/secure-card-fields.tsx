'use client';

import type { ReactNode } from 'react';
import type { SecureFieldName } from '@/lib/card-capture/secure-fields-api';
import type { SecureFieldsHandle } from '@/lib/card-capture/use-secure-fields';
import { AcceptedCardBrands, CardBrandIcon } from './card-brand-icons';
import styles from './secure-card-fields.module.css';

/**
 * The box a Secure Fields iframe sits in, shared by the guest card form and the staff new-card
 * form. It wears the class of the form's own text inputs (`inputClassName`), so its height, border
 * and radius are theirs; the text inside the iframe is styled to match (lib/card-capture/
 * field-styles). Focus inside an iframe does not reach our CSS, so the focus ring follows Secure
 * Fields' focus and blur events (`handle.focused`). The placeholder element itself (`elementId`)
 * is left to the library: React never renders into it, so the iframe it injects survives every
 * render.
 */
export function SecureFieldBox({
  handle,
  field,
  elementId,
  inputClassName,
  invalid,
  errorId,
  children,
  className,
}: {
  handle: SecureFieldsHandle;
  field: SecureFieldName;
  /** The id given to Secure Fields as `placeholderElementId`; the label is `${elementId}-label`. */
  elementId: string;
  inputClassName: string | undefined;
  invalid: boolean;
  /** The error shown under the box while `invalid`. */
  errorId: string;
  /** Shown inside the box after the iframe (the detected card brand). */
  children?: ReactNode;
  className?: string;
}) {
  const focused = handle.focused === field;
  return (
    // A click on the box's padding puts the cursor in the field, as it would in a plain input;
    // keyboard users reach the iframe's input by Tab. The input itself is in PCI Proxy's document,
    // out of our reach, so its group says that it is invalid and why (ARIA 1.1's global
    // aria-invalid, which browsers expose and axe accepts; ARIA 1.2 lists it for inputs only).
    // eslint-disable-next-line jsx-a11y/role-supports-aria-props
    <div
      id={`${elementId}-box`}
      className={[
        inputClassName,
        styles.box,
        focused ? styles.focused : undefined,
        invalid ? styles.invalid : undefined,
        className,
      ]
        .filter(Boolean)
        .join(' ')}
      role="group"
      aria-labelledby={`${elementId}-label`}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? errorId : undefined}
      data-focused={focused || undefined}
      onClick={() => {
        if (!focused) handle.focus(field);
      }}
    >
      {/* The pay page's boot script may have put the iframe in here before React hydrated: React
          leaves the contents of an element with its own inner HTML alone, so the iframe stays. */}
      <div
        id={elementId}
        className={styles.frame}
        dangerouslySetInnerHTML={LIBRARY_OWNED}
        suppressHydrationWarning
      />
      {children}
    </div>
  );
}

/** Never changes, so React never rewrites the placeholder's contents (the library's iframe). */
const LIBRARY_OWNED = { __html: '' };

/** The detected brand inside the card-number box: its mark, named ("Visa"), in a fixed slot. */
export function DetectedCardBrand({ handle }: { handle: SecureFieldsHandle }) {
  const brand = handle.fields.cardNumber?.paymentMethod;
  return (
    <span className={styles.detectedBrand}>
      {brand ? <CardBrandIcon brand={brand} testId="card-brand" /> : null}
    </span>
  );
}

/** The label row of the card number: the label, and the brands accepted before anything is typed. */
export function CardNumberLabel({
  handle,
  elementId,
  label,
  acceptedLabel,
  className,
}: {
  handle: SecureFieldsHandle;
  elementId: string;
  label: string;
  acceptedLabel: string;
  className: string | undefined;
}) {
  return (
    <div className={styles.labelRow}>
      {/* Not a <label>: the input is in another document; a click still moves the focus there. */}
      <span
        className={className}
        id={`${elementId}-label`}
        onClick={() => handle.focus('cardNumber')}
      >
        {label}
      </span>
      <AcceptedCardBrands label={acceptedLabel} />
    </div>
  );
}

export interface SecureCardFieldsProps {
  handle: SecureFieldsHandle;
  cardNumberElementId: string;
  cvvElementId: string;
  /** The class of the form's own text inputs, which the iframe boxes wear. */
  inputClassName: string | undefined;
  labels: {
    cardNumber: string;
    cvv: string;
    acceptedCards: string;
    loading: string;
    unavailable: string;
    cardNumberInvalid: string;
    cvvInvalid: string;
  };
  /** Which fields the last submit found invalid. */
  invalid?: { cardNumber: boolean; cvv: boolean };
}

/**
 * Card number and CVV side by side with their labels (the staff new-card form). The guest form
 * lays the same parts out around its expiry and name inputs (components/guest/card-payment-form).
 */
export function SecureCardFields({
  handle,
  cardNumberElementId,
  cvvElementId,
  inputClassName,
  labels,
  invalid,
}: SecureCardFieldsProps) {
  return (
    <div className={styles.fields} aria-busy={handle.status === 'loading'}>
      <div className={styles.field}>
        <CardNumberLabel
          handle={handle}
          elementId={cardNumberElementId}
          label={labels.cardNumber}
          acceptedLabel={labels.acceptedCards}
          className={styles.label}
        />
        <SecureFieldBox
          handle={handle}
          field="cardNumber"
          elementId={cardNumberElementId}
          inputClassName={inputClassName}
          invalid={invalid?.cardNumber === true}
          errorId={`${cardNumberElementId}-error`}
        >
          <DetectedCardBrand handle={handle} />
        </SecureFieldBox>
        {invalid?.cardNumber ? (
          <p className={styles.error} id={`${cardNumberElementId}-error`} role="alert">
            {labels.cardNumberInvalid}
          </p>
        ) : null}
      </div>
      <div className={styles.field}>
        <div className={styles.labelRow}>
          <span
            className={styles.label}
            id={`${cvvElementId}-label`}
            onClick={() => handle.focus('cvv')}
          >
            {labels.cvv}
          </span>
        </div>
        <SecureFieldBox
          handle={handle}
          field="cvv"
          elementId={cvvElementId}
          inputClassName={inputClassName}
          invalid={invalid?.cvv === true}
          errorId={`${cvvElementId}-error`}
        />
        {invalid?.cvv ? (
          <p className={styles.error} id={`${cvvElementId}-error`} role="alert">
            {labels.cvvInvalid}
          </p>
        ) : null}
      </div>
      <p className={styles.status} role="status" aria-live="polite">
        {handle.status === 'loading'
          ? labels.loading
          : handle.status === 'unavailable'
            ? labels.unavailable
            : ''}
      </p>
    </div>
  );
}
