import type { ReactNode } from 'react';
import {
  ACCEPTED_CARD_BRANDS,
  cardBrandName,
  isAcceptedCardBrand,
  type AcceptedCardBrand,
} from '@/lib/card-capture/card-brands';
import styles from './secure-card-fields.module.css';

/**
 * Card brand marks as inline SVG: no image request (the page's CSP allows images from 'self'
 * only, and the pay page stays one request lighter), and each one an image with the brand's name,
 * so a screen reader says "Visa", never "VIS". Simplified marks in the brands' colours, drawn at
 * 32×20 like the small icons of a hosted checkout.
 */

const FONT = 'Arial, Helvetica, sans-serif';

function Frame({ children, background = '#fff' }: { children: ReactNode; background?: string }) {
  return (
    <>
      <rect x="0.5" y="0.5" width="31" height="19" rx="3" fill={background} stroke="#b8bfcc" />
      {children}
    </>
  );
}

function Word({
  text,
  fill,
  size = 7,
  italic = false,
}: {
  text: string;
  fill: string;
  size?: number;
  italic?: boolean;
}) {
  return (
    <text
      x="16"
      y="10"
      dominantBaseline="central"
      textAnchor="middle"
      fontFamily={FONT}
      fontSize={size}
      fontWeight="700"
      fontStyle={italic ? 'italic' : undefined}
      fill={fill}
    >
      {text}
    </text>
  );
}

const MARKS: Record<AcceptedCardBrand, ReactNode> = {
  VIS: (
    <Frame>
      <Word text="VISA" fill="#1a1f71" size={9} italic />
    </Frame>
  ),
  ECA: (
    <Frame>
      <circle cx="12.5" cy="10" r="6" fill="#eb001b" />
      <circle cx="19.5" cy="10" r="6" fill="#f79e1b" />
      <path d="M16 5.13a6 6 0 0 1 0 9.74a6 6 0 0 1 0-9.74z" fill="#ff5f00" />
    </Frame>
  ),
  AMX: (
    <Frame background="#1f72cd">
      <Word text="AMEX" fill="#fff" size={8} />
    </Frame>
  ),
  DIN: (
    <Frame>
      <circle cx="16" cy="10" r="6.5" fill="none" stroke="#0079be" strokeWidth="1.6" />
      <path d="M14 6.2v7.6M18 6.2v7.6" stroke="#0079be" strokeWidth="1.6" />
    </Frame>
  ),
  DIS: (
    <Frame>
      <Word text="DISC" fill="#231f20" size={6.5} />
      <circle cx="26" cy="10" r="2.6" fill="#f48120" />
    </Frame>
  ),
  JCB: (
    <Frame>
      <rect x="5" y="4" width="7" height="12" rx="2" fill="#0e4c96" />
      <rect x="12.5" y="4" width="7" height="12" rx="2" fill="#e21836" />
      <rect x="20" y="4" width="7" height="12" rx="2" fill="#007940" />
      <Word text="JCB" fill="#fff" size={6} />
    </Frame>
  ),
  CUP: (
    <Frame>
      <path d="M6 4h7l-3 12H3z" fill="#e21836" />
      <path d="M13 4h7l-3 12h-7z" fill="#00447c" />
      <path d="M20 4h8l-3 12h-8z" fill="#007b84" />
    </Frame>
  ),
};

/** One brand's mark, named for assistive technology by its brand name ("Visa"). */
export function CardBrandIcon({
  brand,
  className,
  testId,
}: {
  brand: string;
  className?: string;
  testId?: string;
}) {
  if (!isAcceptedCardBrand(brand)) return null;
  const name = cardBrandName(brand);
  return (
    <svg
      role="img"
      aria-label={name}
      viewBox="0 0 32 20"
      width="32"
      height="20"
      className={className ?? styles.brandIcon}
      data-brand={brand}
      data-testid={testId}
      focusable="false"
    >
      <title>{name}</title>
      {MARKS[brand]}
    </svg>
  );
}

/** The brands the card fields accept, shown before the guest types (a list named `label`). */
export function AcceptedCardBrands({ label }: { label: string }) {
  return (
    <ul className={styles.acceptedBrands} aria-label={label} data-testid="accepted-card-brands">
      {ACCEPTED_CARD_BRANDS.map((brand) => (
        <li key={brand}>
          <CardBrandIcon brand={brand} />
        </li>
      ))}
    </ul>
  );
}
