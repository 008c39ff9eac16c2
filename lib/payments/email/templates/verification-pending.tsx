import { Text } from '@react-email/components';
import { fillMessage } from '../messages';
import { EmailLayout, FactList, paragraph, type EmailFrameProps } from './layout';

/**
 * The guest's bank wants the payment confirmed (SCA by e-mail): Mews has e-mailed them a
 * verification link. This e-mail only points at that one and says the deadline; it carries no
 * link of its own, so it cannot be mistaken for (or used as) the verification.
 */
export interface VerificationPendingEmailProps extends EmailFrameProps {
  guestName: string | null;
  description: string;
  amount: string;
  /** When Mews cancels the unconfirmed payment, in the hotel's time zone. */
  deadline: string;
}

export function VerificationPendingEmail(props: VerificationPendingEmailProps) {
  const { messages: m, brand } = props;
  const values = { hotel: brand.name, amount: props.amount, date: props.deadline };
  return (
    <EmailLayout
      locale={props.locale}
      messages={m}
      brand={brand}
      preview={fillMessage(m.verificationPending.preview, values)}
    >
      <Text style={paragraph}>
        {props.guestName
          ? fillMessage(m.common.greeting, { name: props.guestName })
          : m.common.greetingNoName}
      </Text>
      <Text style={paragraph}>{fillMessage(m.verificationPending.intro, values)}</Text>
      <FactList
        facts={[
          [m.common.description, props.description],
          [m.common.amount, props.amount],
        ]}
      />
      <Text style={paragraph}>{m.verificationPending.lookFor}</Text>
      <Text style={{ ...paragraph, fontWeight: 'bold' }}>
        {fillMessage(m.verificationPending.deadline, values)}
      </Text>
      <Text style={paragraph}>{m.verificationPending.doNotPayAgain}</Text>
    </EmailLayout>
  );
}
