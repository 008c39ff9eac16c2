import { Text } from '@react-email/components';
import { fillMessage } from '../messages';
import { EmailLayout, FactList, paragraph, small, type EmailFrameProps } from './layout';

/**
 * The receipt after a successful payment, for the guest or (variant `hotel`) the hotel's copy.
 * Of the card only the brand and last four digits, and only when known: never more.
 */
export interface ReceiptEmailProps extends EmailFrameProps {
  copyFor: 'guest' | 'hotel';
  guestName: string | null;
  description: string;
  amount: string;
  /** In the hotel's time zone, formatted for the locale. */
  paidAt: string | null;
  method: string | null;
  /** e.g. `Visa •••• 4242`. */
  card: string | null;
  reservationNumber: string | null;
  /** The short payment reference staff find the payment by ("7F3A-21C9", lib/payments/reference). */
  reference: string | null;
}

export function ReceiptEmail(props: ReceiptEmailProps) {
  const { messages: m, brand } = props;
  const values = { hotel: brand.name, amount: props.amount };
  return (
    <EmailLayout
      locale={props.locale}
      messages={m}
      brand={brand}
      preview={fillMessage(m.receipt.preview, values)}
    >
      {props.copyFor === 'hotel' ? (
        <Text style={{ ...paragraph, fontWeight: 'bold' }}>{m.receipt.hotelCopy}</Text>
      ) : null}
      <Text style={paragraph}>
        {props.guestName
          ? fillMessage(m.common.greeting, { name: props.guestName })
          : m.common.greetingNoName}
      </Text>
      <Text style={paragraph}>{fillMessage(m.receipt.intro, values)}</Text>
      <FactList
        facts={[
          [m.common.description, props.description],
          [m.common.amount, props.amount],
          [m.receipt.paidAt, props.paidAt],
          [m.receipt.method, props.method],
          [m.receipt.card, props.card],
          [m.common.reservation, props.reservationNumber],
          [m.receipt.mewsPaymentId, props.reference],
        ]}
      />
      <Text style={small}>{m.receipt.keep}</Text>
    </EmailLayout>
  );
}
