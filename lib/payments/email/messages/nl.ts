import type { EmailMessages } from './en';

/** The hotel's e-mails to guests, in Dutch (the keys and placeholders of `en.ts`). */
export const nl: EmailMessages = {
  common: {
    greeting: 'Beste {name},',
    greetingNoName: 'Hallo,',
    amount: 'Bedrag',
    description: 'Voor',
    reservation: 'Reservering',
    contactHeading: 'Vragen? Neem contact op met {hotel}',
    phone: 'Telefoon',
    email: 'E-mail',
    website: 'Website',
    address: 'Adres',
    footer: 'Deze e-mail is verstuurd door {hotel} over je verblijf.',
    logoAlt: '{hotel}',
  },
  paymentLink: {
    subject: '{hotel}: je betaallink voor {amount}',
    preview: 'Betaal {amount} veilig online aan {hotel}.',
    intro:
      '{hotel} vraagt je om {amount} online te betalen. Met de knop hieronder betaal je veilig.',
    button: 'Betaal {amount}',
    urlIntro: 'Werkt de knop niet? Kopieer dan dit adres naar je browser:',
    expires: 'Je kunt de link gebruiken tot {date}.',
    doNotForward:
      'Deze link is alleen voor jou: stuur hem niet door. {hotel} vraagt je nooit per e-mail om je kaartgegevens.',
  },
  reminder: {
    subject: '{hotel}: herinnering, je betaling van {amount} staat nog open',
    preview: 'Je betaallink verloopt op {date}.',
    intro: 'Een herinnering: je betaling van {amount} aan {hotel} staat nog open.',
    expiresOn: 'De link verloopt op {date}. Daarna werkt hij niet meer.',
  },
  receipt: {
    subject: '{hotel}: betaalbewijs voor je betaling van {amount}',
    hotelSubject: '{hotel}: kopie van een betaalbewijs voor {amount}',
    preview: 'Bedankt: {hotel} heeft je betaling van {amount} ontvangen.',
    intro: 'Bedankt. {hotel} heeft je betaling ontvangen.',
    hotelCopy: 'Kopie voor het hotel: dit betaalbewijs is ook naar de gast gestuurd.',
    paidAt: 'Betaald op',
    method: 'Betaalmethode',
    card: 'Kaart',
    mewsPaymentId: 'Betalingskenmerk',
    keep: 'Bewaar deze e-mail voor je administratie.',
  },
  linkCanceled: {
    subject: '{hotel}: je betaallink voor {amount} is geannuleerd',
    preview: 'De betaallink voor {amount} werkt niet meer.',
    intro: '{hotel} heeft de betaallink voor {amount} geannuleerd die je eerder hebt ontvangen.',
    noLongerWorks: 'De link werkt niet meer; er kan niets meer mee worden betaald.',
    contact: 'Neem contact op met {hotel} als je vragen hebt.',
    siblingPaidSubject: '{hotel}: uw betaling van {amount} is al gedaan',
    siblingPaidIntro:
      '{hotel} heeft de betaallink voor {amount} die u eerder ontving gesloten, omdat deze betaling al via een andere link is gedaan.',
    siblingPaidNothingToDo: 'U hoeft niet opnieuw te betalen: hiervoor staat niets meer open.',
  },
  verificationPending: {
    subject: '{hotel}: bevestig je betaling van {amount} bij je bank',
    preview: 'Je bank vraagt je de betaling te bevestigen vóór {date}.',
    intro:
      'Je bank vraagt je om je betaling van {amount} aan {hotel} te bevestigen voordat die doorgaat.',
    lookFor:
      'Zoek in je mailbox naar de e-mail van het betaalsysteem van het hotel (Mews) met een verificatielink, en volg die.',
    deadline: 'Bevestig vóór {date}; daarna wordt de betaling geannuleerd.',
    doNotPayAgain: 'Betaal niet opnieuw: deze betaling hoeft alleen nog te worden bevestigd.',
  },
  methods: {
    card: 'Kaart',
    stored_card: 'Kaart',
    ideal: 'iDEAL',
    external: 'Betaald bij het hotel',
    terminal_card: 'Kaart (bij het hotel)',
    mews_checkout: 'Online (Mews Payments)',
    refund: 'Terugbetaling',
  },
};
