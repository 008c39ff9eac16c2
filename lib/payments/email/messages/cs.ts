import type { EmailMessages } from './en';

/** The hotel's e-mails to guests, in Czech (the keys and placeholders of `en.ts`). */
export const cs: EmailMessages = {
  common: {
    greeting: 'Dobrý den, {name},',
    greetingNoName: 'Dobrý den,',
    amount: 'Částka',
    description: 'Za',
    reservation: 'Rezervace',
    contactHeading: 'Máte dotazy? Kontaktujte {hotel}',
    phone: 'Telefon',
    email: 'E-mail',
    website: 'Web',
    address: 'Adresa',
    footer: 'Tento e-mail vám zaslal hotel {hotel} v souvislosti s vaším pobytem.',
    logoAlt: '{hotel}',
  },
  paymentLink: {
    subject: '{hotel}: váš platební odkaz na {amount}',
    preview: 'Zaplaťte {amount} pro {hotel} bezpečně online.',
    intro: '{hotel} vás žádá o online platbu {amount}. Bezpečně zaplatíte tlačítkem níže.',
    button: 'Zaplatit {amount}',
    urlIntro: 'Pokud tlačítko nefunguje, zkopírujte tuto adresu do prohlížeče:',
    expires: 'Odkaz platí do {date}.',
    doNotForward:
      'Tento odkaz je určen jen vám: prosím, nepřeposílejte ho. {hotel} vás nikdy nebude e-mailem žádat o údaje z karty.',
  },
  reminder: {
    subject: '{hotel}: připomínka, vaše platba {amount} stále čeká',
    preview: 'Platnost vašeho platebního odkazu končí {date}.',
    intro: 'Připomínáme: vaše platba {amount} pro {hotel} stále čeká na zaplacení.',
    expiresOn: 'Platnost odkazu končí {date}. Poté už nebude fungovat.',
  },
  receipt: {
    subject: '{hotel}: potvrzení o platbě {amount}',
    hotelSubject: '{hotel}: kopie potvrzení o platbě {amount}',
    preview: 'Děkujeme: vaše platba {amount} pro {hotel} byla přijata.',
    intro: 'Děkujeme. Vaše platba pro {hotel} byla přijata.',
    hotelCopy: 'Kopie pro hotel: toto potvrzení bylo zasláno také hostovi.',
    paidAt: 'Zaplaceno',
    method: 'Způsob platby',
    card: 'Karta',
    mewsPaymentId: 'Reference platby',
    keep: 'Tento e-mail si prosím uschovejte.',
  },
  linkCanceled: {
    subject: '{hotel}: váš platební odkaz na {amount} byl zrušen',
    preview: 'Platební odkaz na {amount} už nefunguje.',
    intro: 'Platební odkaz na {amount}, který jste dříve obdrželi od {hotel}, byl zrušen.',
    noLongerWorks: 'Odkaz už nefunguje a nelze jím nic zaplatit.',
    contact: 'S případnými dotazy se prosím obraťte na {hotel}.',
    siblingPaidSubject: '{hotel}: vaše platba {amount} již byla provedena',
    siblingPaidIntro:
      '{hotel} uzavřel platební odkaz na {amount}, který vám byl zaslán, protože tato platba již byla provedena jiným odkazem.',
    siblingPaidNothingToDo: 'Nemusíte platit znovu: nic dalšího za ni nedlužíte.',
  },
  verificationPending: {
    subject: '{hotel}: potvrďte prosím svou platbu {amount} u banky',
    preview: 'Vaše banka vás žádá o potvrzení platby do {date}.',
    intro: 'Vaše banka vás žádá, abyste platbu {amount} pro {hotel} potvrdili, než bude provedena.',
    lookFor:
      'Vyhledejte ve své schránce e-mail od platebního systému hotelu (Mews) s ověřovacím odkazem a postupujte podle něj.',
    deadline: 'Potvrďte prosím do {date}; poté bude platba zrušena.',
    doNotPayAgain: 'Neplaťte prosím znovu: tato platba čeká jen na vaše potvrzení.',
  },
  methods: {
    card: 'Karta',
    stored_card: 'Karta',
    ideal: 'iDEAL',
    external: 'Zaplaceno v hotelu',
    terminal_card: 'Karta (v hotelu)',
    mews_checkout: 'Online (Mews Payments)',
    refund: 'Vrácení platby',
  },
};
