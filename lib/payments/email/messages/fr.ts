import type { EmailMessages } from './en';

/** The hotel's e-mails to guests, in French (the keys and placeholders of `en.ts`). */
export const fr: EmailMessages = {
  common: {
    greeting: 'Bonjour {name},',
    greetingNoName: 'Bonjour,',
    amount: 'Montant',
    description: 'Objet',
    reservation: 'Réservation',
    contactHeading: 'Des questions ? Contactez {hotel}',
    phone: 'Téléphone',
    email: 'E-mail',
    website: 'Site web',
    address: 'Adresse',
    footer: 'Cet e-mail vous a été envoyé par {hotel} au sujet de votre séjour.',
    logoAlt: '{hotel}',
  },
  paymentLink: {
    subject: '{hotel} : votre lien de paiement de {amount}',
    preview: 'Payez {amount} à {hotel} en ligne, en toute sécurité.',
    intro:
      '{hotel} vous demande de payer {amount} en ligne. Le bouton ci-dessous vous permet de payer en toute sécurité.',
    button: 'Payer {amount}',
    urlIntro: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
    expires: 'Le lien est valable jusqu’au {date}.',
    doNotForward:
      'Ce lien vous est personnel : merci de ne pas le transférer. {hotel} ne vous demandera jamais vos données de carte par e-mail.',
  },
  reminder: {
    subject: '{hotel} : rappel, votre paiement de {amount} est toujours en attente',
    preview: 'Votre lien de paiement expire le {date}.',
    intro: 'Petit rappel : votre paiement de {amount} à {hotel} est toujours en attente.',
    expiresOn: 'Le lien expire le {date}. Il ne fonctionnera plus ensuite.',
  },
  receipt: {
    subject: '{hotel} : reçu de votre paiement de {amount}',
    hotelSubject: '{hotel} : copie d’un reçu de paiement de {amount}',
    preview: 'Merci : {hotel} a bien reçu votre paiement de {amount}.',
    intro: 'Merci. {hotel} a bien reçu votre paiement.',
    hotelCopy: 'Copie pour l’hôtel : ce reçu a aussi été envoyé au client.',
    paidAt: 'Payé le',
    method: 'Moyen de paiement',
    card: 'Carte',
    mewsPaymentId: 'Référence du paiement',
    keep: 'Merci de conserver cet e-mail.',
  },
  linkCanceled: {
    subject: '{hotel} : votre lien de paiement de {amount} a été annulé',
    preview: 'Le lien de paiement de {amount} ne fonctionne plus.',
    intro: '{hotel} a annulé le lien de paiement de {amount} qui vous avait été envoyé.',
    noLongerWorks: 'Le lien ne fonctionne plus et ne permet plus aucun paiement.',
    contact: 'Pour toute question, veuillez contacter {hotel}.',
    siblingPaidSubject: '{hotel} : votre paiement de {amount} a déjà été effectué',
    siblingPaidIntro:
      '{hotel} a fermé le lien de paiement de {amount} qui vous avait été envoyé, car ce paiement a déjà été effectué par un autre lien.',
    siblingPaidNothingToDo:
      'Vous n’avez pas besoin de payer à nouveau : plus rien n’est dû à ce titre.',
  },
  verificationPending: {
    subject: '{hotel} : confirmez votre paiement de {amount} auprès de votre banque',
    preview: 'Votre banque vous demande de confirmer le paiement avant le {date}.',
    intro:
      'Votre banque vous demande de confirmer votre paiement de {amount} à {hotel} avant qu’il soit effectué.',
    lookFor:
      'Cherchez dans votre boîte de réception l’e-mail du système de paiement de l’hôtel (Mews) contenant un lien de vérification, et suivez-le.',
    deadline: 'Merci de confirmer avant le {date} ; passé ce délai, le paiement est annulé.',
    doNotPayAgain:
      'Ne payez pas une seconde fois : ce paiement attend seulement votre confirmation.',
  },
  methods: {
    card: 'Carte',
    stored_card: 'Carte',
    ideal: 'iDEAL',
    external: 'Payé à l’hôtel',
    terminal_card: 'Carte (à l’hôtel)',
    mews_checkout: 'En ligne (Mews Payments)',
    refund: 'Remboursement',
  },
};
