import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/config';
import type { ReactNode } from 'react';
import type { PropertyIdentity } from '@/lib/payments/property/identity';
import { brandStyleOf, hotelLabel } from '@/lib/payments/guest/identity';
import { HotelContactBlock } from './hotel-contact';
import { LanguagePicker } from './language-picker';
import styles from './guest.module.css';

/**
 * The frame around every guest page, the error pages included: the hotel's logo and name in a band
 * of its colour, and how to reach it at the foot. The colour reaches the pay button through the
 * `--brand` custom properties set here; without one the default look stays. No JavaScript: the
 * logo is an image the server already resized.
 */
export async function GuestShell({
  identity,
  children,
}: {
  identity: PropertyIdentity;
  children: ReactNode;
}) {
  const t = await getTranslations('shell');
  const style = brandStyleOf(identity);
  const name = hotelLabel(identity, t('hotel'));
  return (
    <div className={styles.shell} style={style} data-branded={style ? 'true' : undefined}>
      <a className={styles.skipLink} href="#main">
        {t('skipToContent')}
      </a>
      <header className={styles.header}>
        <div
          className={`${styles.brandBand} ${style ? styles.brandBandColored : ''}`}
          data-testid="hotel-band"
        >
          {identity.logo ? (
            // A plain <img>: the logo is already re-encoded and resized (lib/payments/property),
            // served from our origin with a year's cache; next/image would only add JavaScript.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              className={styles.logo}
              src={identity.logo.url}
              width={identity.logo.width}
              height={identity.logo.height}
              alt={name}
              data-testid="hotel-logo"
            />
          ) : null}
          <p className={styles.bandName} data-testid="hotel-name">
            {name}
          </p>
        </div>
        <div className={styles.topBar}>
          <p className={styles.secure}>
            <LockIcon />
            {t('securePayment')}
          </p>
          <LanguagePicker />
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
      <footer className={styles.footer}>
        <HotelContactBlock identity={identity} name={name} />
        {/* With Mews Payments Checkout on, card details may go into Mews' own form instead. */}
        <p>
          {getConfig().guestPayments.routes.includes('mews-checkout')
            ? t('footerCheckout')
            : t('footer')}
        </p>
      </footer>
    </div>
  );
}

export function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      className={styles.icon}
    >
      <path
        fill="currentColor"
        d="M12 1a5 5 0 0 0-5 5v4H6a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2h-1V6a5 5 0 0 0-5-5Zm-3 9V6a3 3 0 1 1 6 0v4H9Z"
      />
    </svg>
  );
}
