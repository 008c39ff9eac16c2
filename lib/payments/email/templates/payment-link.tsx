import { Link, Text } from '@react-email/components';
import { fillMessage } from '../messages';
import {
  BrandButton,
  EmailLayout,
  FactList,
  paragraph,
  small,
  type EmailFrameProps,
} from './layout';

/**
 * The payment link, and (variant `reminder`) the reminder before it expires: who it is for, what
 * and how much, until when, a big button and the URL as text for clients that hide buttons. The
 * URL is the only copy of the token outside the guest's browser, hence "do not forward it".
 */
export interface PaymentLinkEmailProps extends EmailFrameProps {
  variant: 'payment_link' | 'reminder';
  guestName: string | null;
  description: string;
  /** Formatted for the locale. */
  amount: string;
  /** The expiry in the hotel's time zone, formatted for the locale. */
  expiresAt: string;
  reservationNumber: string | null;
  url: string;
}

export function PaymentLinkEmail(props: PaymentLinkEmailProps) {
  const { messages: m, brand } = props;
  const values = { hotel: brand.name, amount: props.amount, date: props.expiresAt };
  const reminder = props.variant === 'reminder';
  return (
    <EmailLayout
      locale={props.locale}
      messages={m}
      brand={brand}
      preview={fillMessage(reminder ? m.reminder.preview : m.paymentLink.preview, values)}
    >
      <Text style={paragraph}>
        {props.guestName
          ? fillMessage(m.common.greeting, { name: props.guestName })
          : m.common.greetingNoName}
      </Text>
      <Text style={paragraph}>
        {fillMessage(reminder ? m.reminder.intro : m.paymentLink.intro, values)}
      </Text>
      <FactList
        facts={[
          [m.common.description, props.description],
          [m.common.amount, props.amount],
          [m.common.reservation, props.reservationNumber],
        ]}
      />
      <BrandButton
        brand={brand}
        href={props.url}
        label={fillMessage(m.paymentLink.button, values)}
      />
      <Text style={paragraph}>
        <strong>
          {fillMessage(reminder ? m.reminder.expiresOn : m.paymentLink.expires, values)}
        </strong>
      </Text>
      <Text style={small}>{m.paymentLink.urlIntro}</Text>
      <Text style={{ ...small, wordBreak: 'break-all' as const }}>
        <Link href={props.url} style={{ color: '#1a1a1a' }}>
          {props.url}
        </Link>
      </Text>
      <Text style={small}>{fillMessage(m.paymentLink.doNotForward, values)}</Text>
    </EmailLayout>
  );
}
