import type { StoredCardView } from '@/lib/payments/back-office/customers';
import { cardBrandLabel } from '@/lib/payments/staff/external-types';
import styles from './staff.module.css';

/**
 * The customer's cards in Mews, in the groups the desk acts on: the cards that can be charged
 * from here; the cards recorded at the terminal (a record of a payment taken on the card terminal,
 * never chargeable), apart so they do not clutter the first; and any other card Mews keeps that
 * cannot be charged (inactive, or stored another way).
 */

export interface StoredCardGroups {
  chargeable: StoredCardView[];
  terminal: StoredCardView[];
  other: StoredCardView[];
}

export function groupStoredCards(cards: readonly StoredCardView[]): StoredCardGroups {
  return {
    chargeable: cards.filter((card) => card.chargeable),
    terminal: cards.filter((card) => !card.chargeable && card.kind === 'terminal'),
    other: cards.filter((card) => !card.chargeable && card.kind !== 'terminal'),
  };
}

function CardTable({
  cards,
  caption,
  testId,
  brand,
}: {
  cards: StoredCardView[];
  caption: string;
  testId: string;
  brand: (brand: string | null) => string;
}) {
  return (
    <div className={styles.tableWrap}>
      <table data-testid={testId}>
        <caption className={styles.srOnly}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Card</th>
            <th scope="col">Expiry</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.id}>
              <td>
                {brand(card.brand)} {card.obfuscatedNumber}
              </td>
              <td>{card.expiration ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StoredCards({
  cards,
  error,
  brand = cardBrandLabel,
}: {
  cards: readonly StoredCardView[];
  error?: string | null;
  /** The card brand in words (the back office's vocabulary when the caller has it). */
  brand?: (brand: string | null) => string;
}) {
  const groups = groupStoredCards(cards);
  return (
    <section className="card" aria-labelledby="cards-heading">
      <h2 id="cards-heading">Stored cards</h2>
      {error ? <p className={styles.alert}>{error}</p> : null}
      {groups.chargeable.length === 0 ? (
        <p className="muted" data-testid="no-chargeable-cards">
          No card that can be charged from here.
        </p>
      ) : (
        <CardTable
          cards={groups.chargeable}
          caption="Cards that can be charged"
          testId="stored-cards"
          brand={brand}
        />
      )}
      {groups.terminal.length > 0 ? (
        <>
          <h3 id="terminal-cards-heading">Cards recorded at the terminal</h3>
          <p className={styles.hint}>
            Records of payments taken on the card terminal. They cannot be charged from here.
          </p>
          <CardTable
            cards={groups.terminal}
            caption="Cards recorded at the terminal"
            testId="terminal-cards"
            brand={brand}
          />
        </>
      ) : null}
      {groups.other.length > 0 ? (
        <>
          <h3 id="other-cards-heading">Other cards in Mews</h3>
          <p className={styles.hint}>
            Inactive or stored another way: they cannot be charged from here.
          </p>
          <CardTable
            cards={groups.other}
            caption="Other cards in Mews, not chargeable"
            testId="other-cards"
            brand={brand}
          />
        </>
      ) : null}
    </section>
  );
}
