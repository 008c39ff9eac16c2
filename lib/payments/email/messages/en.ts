/**
 * The words of the hotel's e-mails to guests, in English. Every language file has exactly these
 * keys (the type of `en` is the contract; tests/unit/payments/email-messages.test.ts checks the
 * others, and that each keeps the same `{placeholders}`). `{hotel}` is the hotel's display name.
 */
export const en = {
  common: {
    greeting: 'Dear {name},',
    greetingNoName: 'Hello,',
    amount: 'Amount',
    description: 'For',
    reservation: 'Reservation',
    contactHeading: 'Questions? Contact {hotel}',
    phone: 'Phone',
    email: 'E-mail',
    website: 'Website',
    address: 'Address',
    footer: 'This e-mail was sent by {hotel} about your stay.',
    logoAlt: '{hotel}',
  },
  paymentLink: {
    subject: '{hotel}: your payment link for {amount}',
    preview: 'Pay {amount} to {hotel} securely online.',
    intro: '{hotel} asks you to pay {amount} online. You can pay securely with the button below.',
    button: 'Pay {amount}',
    urlIntro: 'If the button does not work, copy this address into your browser:',
    expires: 'The link can be used until {date}.',
    doNotForward:
      'This link is yours alone: please do not forward it. {hotel} will never ask you for your card details by e-mail.',
  },
  reminder: {
    subject: '{hotel}: reminder, your payment of {amount} is still open',
    preview: 'Your payment link expires on {date}.',
    intro: 'A reminder: your payment of {amount} to {hotel} is still open.',
    expiresOn: 'The link expires on {date}. After that it no longer works.',
  },
  receipt: {
    subject: '{hotel}: receipt for your payment of {amount}',
    hotelSubject: '{hotel}: copy of a payment receipt for {amount}',
    preview: 'Thank you: {hotel} received your payment of {amount}.',
    intro: 'Thank you. {hotel} received your payment.',
    hotelCopy: 'Copy for the hotel: this receipt was also sent to the guest.',
    paidAt: 'Paid on',
    method: 'Payment method',
    card: 'Card',
    mewsPaymentId: 'Payment reference',
    keep: 'Please keep this e-mail for your records.',
  },
  linkCanceled: {
    subject: '{hotel}: your payment link for {amount} was canceled',
    preview: 'The payment link for {amount} no longer works.',
    intro: '{hotel} has canceled the payment link for {amount} that was sent to you earlier.',
    noLongerWorks: 'The link no longer works, and nothing can be paid with it.',
    contact: 'Please contact {hotel} if you have any questions.',
    siblingPaidSubject: '{hotel}: your payment of {amount} has already been made',
    siblingPaidIntro:
      '{hotel} has closed the payment link for {amount} that was sent to you earlier, because this payment has already been made through another link.',
    siblingPaidNothingToDo: 'You do not need to pay again: nothing more is due for it.',
  },
  verificationPending: {
    subject: '{hotel}: please confirm your payment of {amount} with your bank',
    preview: 'Your bank asks you to confirm the payment before {date}.',
    intro:
      'Your bank asks you to confirm your payment of {amount} to {hotel} before it goes through.',
    lookFor:
      'Look in your mailbox for the e-mail from the hotel’s payment system (Mews) with a verification link, and follow it.',
    deadline: 'Please confirm before {date}; after that the payment is canceled.',
    doNotPayAgain: 'Please do not pay again: this payment only needs your confirmation.',
  },
  methods: {
    card: 'Card',
    stored_card: 'Card',
    ideal: 'iDEAL',
    external: 'Paid at the hotel',
    terminal_card: 'Card (at the hotel)',
    mews_checkout: 'Online (Mews Payments)',
    refund: 'Refund',
  },
};

/** The shape every language's e-mail texts have: the English texts' keys, any words. */
export type EmailMessages = {
  [Section in keyof typeof en]: { [Key in keyof (typeof en)[Section]]: string };
};
