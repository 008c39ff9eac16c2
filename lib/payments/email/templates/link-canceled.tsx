import { Text } from '@react-email/components';
import { fillMessage } from '../messages';
import { EmailLayout, FactList, paragraph, type EmailFrameProps } from './layout';

/** The notice that a link the guest was sent no longer works; how to reach the hotel is below. */
export interface LinkCanceledEmailProps extends EmailFrameProps {
  guestName: string | null;
  description: string;
  amount: string;
  /** The link was closed because the same payment was made through another link. */
  siblingPaid?: boolean;
}

export function LinkCanceledEmail(props: LinkCanceledEmailProps) {
  const { messages: m, brand } = props;
  const values = { hotel: brand.name, amount: props.amount };
  return (
    <EmailLayout
      locale={props.locale}
      messages={m}
      brand={brand}
      preview={fillMessage(
        props.siblingPaid ? m.linkCanceled.siblingPaidIntro : m.linkCanceled.preview,
        values,
      )}
    >
      <Text style={paragraph}>
        {props.guestName
          ? fillMessage(m.common.greeting, { name: props.guestName })
          : m.common.greetingNoName}
      </Text>
      <Text style={paragraph}>
        {fillMessage(
          props.siblingPaid ? m.linkCanceled.siblingPaidIntro : m.linkCanceled.intro,
          values,
        )}
      </Text>
      <FactList
        facts={[
          [m.common.description, props.description],
          [m.common.amount, props.amount],
        ]}
      />
      <Text style={{ ...paragraph, fontWeight: 'bold' }}>{m.linkCanceled.noLongerWorks}</Text>
      {props.siblingPaid ? (
        <Text style={paragraph}>{m.linkCanceled.siblingPaidNothingToDo}</Text>
      ) : null}
      <Text style={paragraph}>{fillMessage(m.linkCanceled.contact, values)}</Text>
    </EmailLayout>
  );
}
