import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import { EMAIL_MESSAGES } from '@/lib/payments/email/messages';
import {
  cardLabel,
  formatEmailAmount,
  formatEmailDateTime,
  renderEmailTemplate,
  type EmailBrand,
  type EmailTemplateInput,
} from '@/lib/payments/email/templates';
import { containsCardData } from '@/lib/validation/text';

/**
 * What a guest sees in each e-mail, in every language: the hotel's name (in the subject too),
 * the amount as their language writes it, how to reach the hotel, an HTML and a plain-text part,
 * and nothing that could run or that looks like card data.
 */

const HOTEL = 'Hotel <Zon> & Spa';
const brand: EmailBrand = {
  name: HOTEL,
  color: '#0b5fff',
  textColor: '#ffffff',
  logo: { url: 'https://pay.hotel-zon.example/api/property/logo/abc123', width: 600, height: 150 },
  contact: {
    phone: '+31 20 555 0100',
    email: 'frontdesk@hotel-zon.example',
    website: 'https://hotel-zon.example',
    address: 'Damrak 1, 1012 LG Amsterdam',
  },
};
const URL = 'https://pay.hotel-zon.example/pay/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const expires = new Date('2027-03-14T17:00:00Z');

const normalise = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function inputs(locale: Locale): EmailTemplateInput[] {
  const frame = { locale, messages: EMAIL_MESSAGES[locale], brand };
  const common = {
    ...frame,
    guestName: 'Anna de Vries',
    description: 'Deposit for your stay',
    amount: formatEmailAmount(12_550, 'EUR', locale),
  };
  const at = formatEmailDateTime(expires, locale, 'Europe/Amsterdam');
  return [
    { kind: 'payment_link', ...common, expiresAt: at, reservationNumber: 'R-1042', url: URL },
    { kind: 'reminder', ...common, expiresAt: at, reservationNumber: null, url: URL },
    {
      kind: 'receipt',
      ...common,
      copyFor: 'guest',
      paidAt: at,
      method: EMAIL_MESSAGES[locale].methods.card,
      card: cardLabel('VISA', '424242xxxxxx4242'),
      reservationNumber: 'R-1042',
      reference: '6C1B-D5C4',
    },
    {
      kind: 'receipt',
      ...common,
      copyFor: 'hotel',
      paidAt: at,
      method: null,
      card: null,
      reservationNumber: null,
      reference: null,
    },
    { kind: 'link_canceled', ...common },
    { kind: 'verification_pending', ...common, deadline: at },
  ];
}

describe('e-mail templates', () => {
  for (const locale of LOCALES) {
    for (const input of inputs(locale)) {
      const label = `${locale} ${input.kind}${input.kind === 'receipt' ? ` (${input.copyFor})` : ''}`;
      it(`${label}: the hotel, the amount in the guest's language, the contact, both parts`, async () => {
        const email = await renderEmailTemplate(input);
        const text = normalise(email.text);
        const amount = normalise(formatEmailAmount(12_550, 'EUR', locale));

        expect(email.subject).toContain(HOTEL);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(normalise(email.subject)).toContain(amount);
        // HTML: the name escaped, never as markup.
        expect(email.html).toContain('Hotel &lt;Zon&gt; &amp; Spa');
        expect(email.html).not.toContain('<Zon>');
        expect(email.html).toContain(`lang="${locale}"`);
        expect(email.html).toContain(`src="${brand.logo!.url}"`);
        expect(email.html).toMatch(/alt="Hotel &lt;Zon&gt; &amp; Spa"/);
        expect(email.html).toContain('background-color:#0b5fff');
        expect(email.html).not.toMatch(/<script/i);
        expect(email.html).not.toMatch(/\son\w+=/i);

        expect(text).toContain(HOTEL);
        expect(text).toContain(amount);
        expect(text).toContain('+31 20 555 0100');
        expect(text).toContain('frontdesk@hotel-zon.example');
        expect(text).toContain('https://hotel-zon.example');
        expect(text).toContain('Damrak 1, 1012 LG Amsterdam');
        expect(text).toContain(
          EMAIL_MESSAGES[locale].common.footer.replace('{hotel}', HOTEL).slice(0, 20),
        );

        expect(containsCardData(email.html)).toBe(false);
        expect(containsCardData(email.text)).toBe(false);
        expect(email.html).not.toContain('424242');
      });
    }
  }

  it('the link e-mail and the reminder carry the URL as a button and as text', async () => {
    const [link, reminder] = inputs('nl');
    for (const input of [link!, reminder!]) {
      const email = await renderEmailTemplate(input);
      expect(email.html).toContain(`href="${URL}"`);
      expect(email.text).toContain(URL);
      expect(email.text).toContain('niet door');
    }
    const text = normalise((await renderEmailTemplate(reminder!)).text);
    expect(text).toContain('verloopt op 14 maart 2027 om 18:00');
  });

  it('other e-mails carry no payment link', async () => {
    for (const input of inputs('en').slice(2)) {
      const email = await renderEmailTemplate(input);
      expect(email.html).not.toContain('/pay/');
      expect(email.text).not.toContain('/pay/');
    }
  });

  it('the receipt shows the card brand and last four digits only; the hotel copy says so', async () => {
    const [, , guestReceipt, hotelReceipt] = inputs('en');
    const guest = await renderEmailTemplate(guestReceipt!);
    expect(guest.text).toContain('VISA •••• 4242');
    expect(guest.text).toContain('Payment reference: 6C1B-D5C4');
    expect(guest.text).not.toContain('Copy for the hotel');
    const hotel = await renderEmailTemplate(hotelReceipt!);
    expect(hotel.text).toContain('Copy for the hotel');
    expect(hotel.subject).toContain('copy');
    expect(hotel.text).not.toContain('••••');
  });

  it('the verification notice points at the e-mail from Mews and says not to pay again', async () => {
    const email = await renderEmailTemplate(inputs('en')[5]!);
    expect(email.text).toContain('(Mews)');
    expect(email.text).toContain('do not pay again');
    expect(normalise(email.text)).toContain('14 March 2027 at 18:00');
  });

  it('without brand colour, logo or contact the e-mail still reads well', async () => {
    const plain: EmailBrand = {
      name: 'Sandbox Hotel',
      color: null,
      textColor: null,
      logo: null,
      contact: { phone: null, email: null, website: null, address: null },
    };
    const [link] = inputs('de');
    const email = await renderEmailTemplate({ ...link!, brand: plain });
    expect(email.html).not.toContain('<img');
    expect(email.text).not.toContain('Kontaktieren Sie');
    expect(email.text).toContain('Sandbox Hotel');
  });

  it('only web addresses become links in the contact block', async () => {
    const [link] = inputs('en');
    const email = await renderEmailTemplate({
      ...link!,
      brand: { ...brand, contact: { ...brand.contact, website: 'javascript:alert(1)' } },
    });
    expect(email.html).not.toContain('href="javascript:');
  });
});

describe('cardLabel', () => {
  it('is the brand and the last four digits, or less when less is known', () => {
    expect(cardLabel('Mastercard', '545454xxxxxx5454')).toBe('Mastercard •••• 5454');
    expect(cardLabel(null, '424242******4242')).toBe('•••• 4242');
    expect(cardLabel('VISA', null)).toBe('VISA');
    expect(cardLabel(null, null)).toBeNull();
    expect(cardLabel('VISA', 'xxxx')).toBe('VISA');
  });
});
