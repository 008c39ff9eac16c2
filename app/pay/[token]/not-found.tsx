import { getTranslations } from 'next-intl/server';
import { canSayHowToReach, sentenceWithContact } from '@/components/guest/hotel-contact';
import { StatusMessage } from '@/components/guest/status-message';
import { loadGuestIdentity } from '../load-identity';

/**
 * An unknown or mistyped link: a real 404, with no hint whether such a link ever existed. It still
 * says how to reach the hotel: the guest who typed the link wrong needs that the most.
 */
export default async function PaymentLinkNotFound() {
  const [t, identity] = await Promise.all([getTranslations('status'), loadGuestIdentity()]);
  const hotel = identity.name.trim();
  return (
    <StatusMessage tone="error" title={t('notFoundTitle')} testId="link-not-found">
      <p data-testid="status-contact">
        {!hotel
          ? t('notFoundBody')
          : canSayHowToReach(identity)
            ? await sentenceWithContact(identity, (contact) =>
                t('notFoundBodyContact', { hotel, contact }),
              )
            : t('notFoundBodyHotel', { hotel })}
      </p>
    </StatusMessage>
  );
}
