import type { ReactNode } from 'react';
import {
  Body,
  Button,
  Container,
  Head,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { Locale } from '@/lib/i18n/locales';
import { fillMessage, type EmailMessages } from '../messages';

/**
 * The frame every e-mail of the hotel shares: its logo and colour at the top, the message, and
 * how to reach the hotel at the bottom. Inline styles and tables only (what React Email's
 * components produce), because mail clients ignore style sheets and most modern CSS.
 */

/** What an e-mail shows of the hotel (from lib/payments/property/identity.ts, made absolute). */
export interface EmailBrand {
  name: string;
  /** `#rrggbb`; the default look when null. */
  color: string | null;
  /** The text colour on `color` that meets WCAG AA (identity.brandTextColor). */
  textColor: string | null;
  /** Absolute URL (mail clients have no origin to resolve a path against), with its size. */
  logo: { url: string; width: number; height: number } | null;
  contact: {
    phone: string | null;
    email: string | null;
    website: string | null;
    address: string | null;
  };
}

/** Everything a template needs besides its own facts. */
export interface EmailFrameProps {
  locale: Locale;
  messages: EmailMessages;
  brand: EmailBrand;
}

const DEFAULT_COLOR = '#1f2937';
const DEFAULT_TEXT_COLOR = '#ffffff';
const LOGO_MAX_HEIGHT = 48;
const LOGO_MAX_WIDTH = 200;

const page = { backgroundColor: '#f4f4f5', margin: 0, padding: '24px 0' };
const card = {
  backgroundColor: '#ffffff',
  maxWidth: '560px',
  margin: '0 auto',
  borderRadius: '8px',
  overflow: 'hidden' as const,
  fontFamily: 'Helvetica, Arial, sans-serif',
  color: '#1a1a1a',
};
export const paragraph = { fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' };
export const small = { fontSize: '13px', lineHeight: '20px', color: '#52525b', margin: '0 0 8px' };

export function brandColors(brand: EmailBrand): { background: string; text: string } {
  return brand.color
    ? { background: brand.color, text: brand.textColor ?? DEFAULT_TEXT_COLOR }
    : { background: DEFAULT_COLOR, text: DEFAULT_TEXT_COLOR };
}

/** The logo scaled to fit the header band, keeping its proportions. */
function logoSize(logo: NonNullable<EmailBrand['logo']>): { width: number; height: number } {
  const scale = Math.min(1, LOGO_MAX_HEIGHT / logo.height, LOGO_MAX_WIDTH / logo.width);
  return {
    width: Math.max(1, Math.round(logo.width * scale)),
    height: Math.max(1, Math.round(logo.height * scale)),
  };
}

/** Only web addresses become links: a stored value is the hotel's, but it lands in guests' mail. */
function websiteHref(website: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(website.trim()) ? website.trim() : null;
}

function phoneHref(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, '');
  return /^\+?\d{4,20}$/.test(digits) ? `tel:${digits}` : null;
}

function emailHref(email: string): string | null {
  return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email.trim()) ? `mailto:${email.trim()}` : null;
}

function ContactLine({
  label,
  value,
  href,
}: {
  label: string;
  value: string;
  href: string | null;
}) {
  return (
    <Text style={small}>
      {label}:{' '}
      {href ? (
        <Link href={href} style={{ color: '#1a1a1a', textDecoration: 'underline' }}>
          {value}
        </Link>
      ) : (
        value
      )}
    </Text>
  );
}

/** The hotel's contact block: whatever of phone, e-mail, website and address it has set. */
export function ContactBlock({ brand, messages }: Pick<EmailFrameProps, 'brand' | 'messages'>) {
  const { phone, email, website, address } = brand.contact;
  if (!phone && !email && !website && !address) return null;
  const c = messages.common;
  return (
    <Section style={{ padding: '0 32px 8px' }}>
      <Text style={{ ...small, fontWeight: 'bold', color: '#1a1a1a' }}>
        {fillMessage(c.contactHeading, { hotel: brand.name })}
      </Text>
      {phone ? <ContactLine label={c.phone} value={phone} href={phoneHref(phone)} /> : null}
      {email ? <ContactLine label={c.email} value={email} href={emailHref(email)} /> : null}
      {website ? (
        <ContactLine label={c.website} value={website} href={websiteHref(website)} />
      ) : null}
      {address ? <ContactLine label={c.address} value={address} href={null} /> : null}
    </Section>
  );
}

/** The button in the hotel's colour (text colour chosen for contrast), for the link's URL. */
export function BrandButton({
  brand,
  href,
  label,
}: {
  brand: EmailBrand;
  href: string;
  label: string;
}) {
  const colors = brandColors(brand);
  return (
    <Section style={{ textAlign: 'center' as const, margin: '8px 0 24px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: colors.background,
          color: colors.text,
          fontSize: '18px',
          fontWeight: 'bold',
          padding: '14px 28px',
          borderRadius: '6px',
          textDecoration: 'none',
          display: 'inline-block',
        }}
      >
        {label}
      </Button>
    </Section>
  );
}

/** Label and value, one per line: the facts of a payment (amount, date, reference). */
export function FactList({ facts }: { facts: Array<[label: string, value: string | null]> }) {
  return (
    <Section
      style={{
        margin: '0 0 16px',
        padding: '12px 16px',
        backgroundColor: '#f4f4f5',
        borderRadius: '6px',
      }}
    >
      {facts
        .filter((fact): fact is [string, string] => Boolean(fact[1]))
        .map(([label, value]) => (
          <Text key={label} style={{ fontSize: '15px', lineHeight: '22px', margin: '0 0 4px' }}>
            <span style={{ color: '#52525b' }}>{label}:</span> <strong>{value}</strong>
          </Text>
        ))}
    </Section>
  );
}

export function EmailLayout({
  locale,
  messages,
  brand,
  preview,
  children,
}: EmailFrameProps & { preview: string; children: ReactNode }) {
  const colors = brandColors(brand);
  const logo = brand.logo ? { ...brand.logo, ...logoSize(brand.logo) } : null;
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Section
            style={{ backgroundColor: colors.background, color: colors.text, padding: '20px 32px' }}
          >
            {logo ? (
              <Img
                src={logo.url}
                width={logo.width}
                height={logo.height}
                alt={fillMessage(messages.common.logoAlt, { hotel: brand.name })}
                style={{
                  display: 'block',
                  backgroundColor: '#ffffff',
                  borderRadius: '4px',
                  padding: '4px',
                }}
              />
            ) : null}
            <Text
              style={{
                color: colors.text,
                fontSize: '20px',
                fontWeight: 'bold',
                margin: logo ? '12px 0 0' : '0',
              }}
            >
              {brand.name}
            </Text>
          </Section>
          <Section style={{ padding: '24px 32px 8px' }}>{children}</Section>
          <Hr style={{ borderColor: '#e4e4e7', margin: '0 32px 16px' }} />
          <ContactBlock brand={brand} messages={messages} />
          <Section style={{ padding: '0 32px 24px' }}>
            <Text style={small}>{fillMessage(messages.common.footer, { hotel: brand.name })}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
