'use client';

import type { SecureFieldsHandle } from '@/lib/card-capture/use-secure-fields';
import styles from './secure-card-fields.module.css';

export interface SecureCardFieldsProps {
  handle: SecureFieldsHandle;
  cardNumberElementId: string;
  cvvElementId: string;
  labels: {
    cardNumber: string;
    cvv: string;
    loading: string;
    unavailable: string;
    cardNumberInvalid: string;
    cvvInvalid: string;
  };
  /** Which fields the last submit found invalid. */
  invalid?: { cardNumber: boolean; cvv: boolean };
}

/**
 * The two PCI Proxy iframes (card number, CVV) with our labels around them. The placeholders keep
 * their size while the iframes load, so nothing on the page moves; React never renders into them.
 */
export function SecureCardFields({
  handle,
  cardNumberElementId,
  cvvElementId,
  labels,
  invalid,
}: SecureCardFieldsProps) {
  const brand = handle.fields.cardNumber?.paymentMethod;
  return (
    <div className={styles.fields} aria-busy={handle.status === 'loading'}>
      <div className={styles.field}>
        <span
          className={styles.label}
          id={`${cardNumberElementId}-label`}
          onClick={() => handle.focus('cardNumber')}
        >
          {labels.cardNumber}
          {brand ? (
            <span className={styles.brand} data-testid="card-brand">
              {brand}
            </span>
          ) : null}
        </span>
        <div
          id={cardNumberElementId}
          className={`${styles.iframeBox} ${invalid?.cardNumber ? styles.invalid : ''}`}
          role="group"
          aria-labelledby={`${cardNumberElementId}-label`}
          aria-describedby={invalid?.cardNumber ? `${cardNumberElementId}-error` : undefined}
        />
        {invalid?.cardNumber ? (
          <p className={styles.error} id={`${cardNumberElementId}-error`} role="alert">
            {labels.cardNumberInvalid}
          </p>
        ) : null}
      </div>
      <div className={styles.field}>
        <span
          className={styles.label}
          id={`${cvvElementId}-label`}
          onClick={() => handle.focus('cvv')}
        >
          {labels.cvv}
        </span>
        <div
          id={cvvElementId}
          className={`${styles.iframeBox} ${styles.cvvBox} ${invalid?.cvv ? styles.invalid : ''}`}
          role="group"
          aria-labelledby={`${cvvElementId}-label`}
          aria-describedby={invalid?.cvv ? `${cvvElementId}-error` : undefined}
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
