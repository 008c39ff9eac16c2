import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { PropertyIdentity } from '@/lib/payments/property/identity';
import { phoneHref, websiteHref } from '@/lib/payments/guest/identity';
import styles from './guest.module.css';

/**
 * How to reach the hotel: the block at the foot of every guest page, and the "contact <hotel> at
 * <phone> or <e-mail>" sentences of the pages that end a guest's path (expired, canceled, not
 * found, paid, rate-limited). Links a phone can dial and a mail program can open.
 */

/** Stands in for the links while a sentence is translated, then is replaced by them. */
const SLOT = '\u2063';

/** `text` with each `SLOT` replaced by the next of `parts`. */
function fillSlots(text: string, parts: ReactNode[]): ReactNode {
  const pieces = text.split(SLOT);
  return pieces.flatMap((piece, index) =>
    index < pieces.length - 1 ? [piece, <span key={index}>{parts[index]}</span>] : [piece],
  );
}

function PhoneLink({ phone }: { phone: string }) {
  const href = phoneHref(phone);
  return href ? <a href={href}>{phone}</a> : <>{phone}</>;
}

function EmailLink({ email }: { email: string }) {
  return <a href={`mailto:${email}`}>{email}</a>;
}

/** Whether a sentence can say how to reach the hotel: by phone or e-mail. */
export function canSayHowToReach(identity: PropertyIdentity): boolean {
  return Boolean(identity.contact.phone || identity.contact.email);
}

/**
 * A translated sentence with `{contact}` as the hotel's phone and/or e-mail links
 * ("…please contact Hotel Amstel at +31 20 622 6060 or desk@amstel.example.").
 * Call only when `canSayHowToReach(identity)`.
 */
export async function sentenceWithContact(
  identity: PropertyIdentity,
  translate: (contact: string) => string,
): Promise<ReactNode> {
  const t = await getTranslations('status');
  const { phone, email } = identity.contact;
  let contact: ReactNode;
  if (phone && email) {
    contact = fillSlots(t('contactEither', { first: SLOT, second: SLOT }), [
      <PhoneLink key="phone" phone={phone} />,
      <EmailLink key="email" email={email} />,
    ]);
  } else if (phone) contact = <PhoneLink phone={phone} />;
  else if (email) contact = <EmailLink email={email} />;
  return fillSlots(translate(SLOT), [contact]);
}

/** The contact block at the foot of every guest page; nothing when no contact detail is set. */
export async function HotelContactBlock({
  identity,
  name,
}: {
  identity: PropertyIdentity;
  name: string;
}) {
  if (!identity.hasContact) return null;
  const t = await getTranslations('shell');
  const { phone, email, website, address } = identity.contact;
  const site = websiteHref(website);
  return (
    <section className={styles.contact} aria-labelledby="hotel-contact" data-testid="hotel-contact">
      <h2 id="hotel-contact" className={styles.contactTitle}>
        {t('contactHeading', { hotel: name })}
      </h2>
      <dl className={styles.contactList}>
        {phone ? (
          <div>
            <dt>{t('phone')}</dt>
            <dd>
              <PhoneLink phone={phone} />
            </dd>
          </div>
        ) : null}
        {email ? (
          <div>
            <dt>{t('email')}</dt>
            <dd>
              <EmailLink email={email} />
            </dd>
          </div>
        ) : null}
        {website ? (
          <div>
            <dt>{t('website')}</dt>
            <dd>
              {site ? (
                <a href={site} rel="noopener noreferrer">
                  {website}
                </a>
              ) : (
                website
              )}
            </dd>
          </div>
        ) : null}
        {address ? (
          <div>
            <dt>{t('address')}</dt>
            <dd className={styles.address}>{address}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
