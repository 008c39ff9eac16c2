import type { EmailMessages } from './en';

/** The hotel's e-mails to guests, in German (the keys and placeholders of `en.ts`). */
export const de: EmailMessages = {
  common: {
    greeting: 'Guten Tag {name},',
    greetingNoName: 'Guten Tag,',
    amount: 'Betrag',
    description: 'Für',
    reservation: 'Reservierung',
    contactHeading: 'Fragen? Kontaktieren Sie {hotel}',
    phone: 'Telefon',
    email: 'E-Mail',
    website: 'Website',
    address: 'Adresse',
    footer: 'Diese E-Mail wurde von {hotel} zu Ihrem Aufenthalt gesendet.',
    logoAlt: '{hotel}',
  },
  paymentLink: {
    subject: '{hotel}: Ihr Zahlungslink über {amount}',
    preview: 'Zahlen Sie {amount} sicher online an {hotel}.',
    intro:
      '{hotel} bittet Sie, {amount} online zu bezahlen. Mit der Schaltfläche unten zahlen Sie sicher.',
    button: '{amount} bezahlen',
    urlIntro:
      'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
    expires: 'Der Link ist bis {date} gültig.',
    doNotForward:
      'Dieser Link gilt nur für Sie: Bitte leiten Sie ihn nicht weiter. {hotel} fragt Sie nie per E-Mail nach Ihren Kartendaten.',
  },
  reminder: {
    subject: '{hotel}: Erinnerung, Ihre Zahlung über {amount} ist noch offen',
    preview: 'Ihr Zahlungslink läuft am {date} ab.',
    intro: 'Eine Erinnerung: Ihre Zahlung über {amount} an {hotel} ist noch offen.',
    expiresOn: 'Der Link läuft am {date} ab. Danach funktioniert er nicht mehr.',
  },
  receipt: {
    subject: '{hotel}: Beleg für Ihre Zahlung über {amount}',
    hotelSubject: '{hotel}: Kopie eines Zahlungsbelegs über {amount}',
    preview: 'Vielen Dank: {hotel} hat Ihre Zahlung über {amount} erhalten.',
    intro: 'Vielen Dank. {hotel} hat Ihre Zahlung erhalten.',
    hotelCopy: 'Kopie für das Hotel: Dieser Beleg wurde auch an den Gast gesendet.',
    paidAt: 'Bezahlt am',
    method: 'Zahlungsart',
    card: 'Karte',
    mewsPaymentId: 'Zahlungsreferenz',
    keep: 'Bitte bewahren Sie diese E-Mail für Ihre Unterlagen auf.',
  },
  linkCanceled: {
    subject: '{hotel}: Ihr Zahlungslink über {amount} wurde storniert',
    preview: 'Der Zahlungslink über {amount} funktioniert nicht mehr.',
    intro: '{hotel} hat den Zahlungslink über {amount} storniert, den Sie zuvor erhalten haben.',
    noLongerWorks: 'Der Link funktioniert nicht mehr; damit kann nichts mehr bezahlt werden.',
    contact: 'Bei Fragen wenden Sie sich bitte an {hotel}.',
    siblingPaidSubject: '{hotel}: Ihre Zahlung von {amount} ist bereits erfolgt',
    siblingPaidIntro:
      '{hotel} hat den Ihnen zugesandten Zahlungslink über {amount} geschlossen, weil diese Zahlung bereits über einen anderen Link erfolgt ist.',
    siblingPaidNothingToDo: 'Sie müssen nicht noch einmal bezahlen: dafür ist nichts mehr offen.',
  },
  verificationPending: {
    subject: '{hotel}: Bitte bestätigen Sie Ihre Zahlung über {amount} bei Ihrer Bank',
    preview: 'Ihre Bank bittet Sie, die Zahlung vor {date} zu bestätigen.',
    intro:
      'Ihre Bank bittet Sie, Ihre Zahlung über {amount} an {hotel} zu bestätigen, bevor sie ausgeführt wird.',
    lookFor:
      'Suchen Sie in Ihrem Postfach die E-Mail des Zahlungssystems des Hotels (Mews) mit einem Bestätigungslink und folgen Sie ihm.',
    deadline: 'Bitte bestätigen Sie vor {date}; danach wird die Zahlung storniert.',
    doNotPayAgain: 'Bitte zahlen Sie nicht erneut: Diese Zahlung muss nur noch bestätigt werden.',
  },
  methods: {
    card: 'Karte',
    stored_card: 'Karte',
    ideal: 'iDEAL',
    external: 'Im Hotel bezahlt',
    terminal_card: 'Karte (im Hotel)',
    mews_checkout: 'Online (Mews Payments)',
    refund: 'Erstattung',
  },
};
