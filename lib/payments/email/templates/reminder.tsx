import { PaymentLinkEmail, type PaymentLinkEmailProps } from './payment-link';

/** The reminder before a link expires: the link e-mail again, saying when it stops working. */
export function ReminderEmail(props: Omit<PaymentLinkEmailProps, 'variant'>) {
  return <PaymentLinkEmail {...props} variant="reminder" />;
}
