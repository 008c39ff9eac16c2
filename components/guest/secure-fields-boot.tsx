import { getTranslations } from 'next-intl/server';
import { preconnect, preload } from 'react-dom';
import { secureFieldsBootScript } from '@/lib/card-capture/secure-fields-boot';
import { GUEST_CARD_FIELD_IDS } from '@/lib/card-capture/secure-fields-setup';
import { requestNonce } from '@/lib/security/request-nonce';

/**
 * Starts the card fields from the server's HTML (lib/card-capture/secure-fields-boot): the
 * library is preloaded from <head> with a warm connection to its host (PCI Proxy's in production,
 * from the configuration), and the iframes are asked for while React is still loading, so the
 * card number can be typed into about when the amount is painted. Rendered once, after the form.
 */
export async function SecureFieldsBoot({
  scriptUrl,
  merchantId,
}: {
  scriptUrl: string;
  merchantId: string;
}) {
  // Without this request's CSP nonce the script would be refused.
  const [t, nonce] = await Promise.all([getTranslations('card'), requestNonce()]);
  preconnect(new URL(scriptUrl).origin);
  preload(scriptUrl, { as: 'script', nonce, fetchPriority: 'high' });
  const script = secureFieldsBootScript({
    scriptUrl,
    merchantId,
    cardNumberElementId: GUEST_CARD_FIELD_IDS.cardNumber,
    cvvElementId: GUEST_CARD_FIELD_IDS.cvv,
    labels: {
      cardNumber: t('cardNumber'),
      cvv: t('cvv'),
      cardNumberPlaceholder: '1234 1234 1234 1234',
      cvvPlaceholder: t('cvvPlaceholder'),
    },
  });
  // The browser hides a nonce from the DOM after parsing, so hydration would see it differ.
  return (
    <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: script }} />
  );
}

/** Warms the connection to Mews Payments Checkout and fetches its script while the page loads. */
export async function MewsCheckoutPreload({ scriptUrl }: { scriptUrl: string }) {
  const nonce = await requestNonce();
  preconnect(new URL(scriptUrl).origin);
  preload(scriptUrl, { as: 'script', nonce });
  return null;
}
