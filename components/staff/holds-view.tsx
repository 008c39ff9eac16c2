import type { HoldRequestState, HoldsOverview, HoldView } from '@/lib/payments/back-office/holds';
import { dateTime, money } from './format';
import linkStyles from './links.module.css';
import styles from './staff.module.css';

/** The request's state in the clerk's words. */
const REQUEST_STATE_LABEL: Record<HoldRequestState, string> = {
  asked: 'Asked for',
  placed: 'Placed',
  canceled: 'Canceled',
  expired: 'Expired',
};

/** Mews' preauthorization states (`PreauthorizationState`) in words. */
const PREAUTHORIZATION_STATE_LABEL: Record<string, string> = {
  chargeable: 'Chargeable (held, not charged)',
  charged: 'Charged',
  cancelled: 'Released',
  expired: 'Expired',
  pending: 'Charge being processed',
  failed: 'Charge failed',
};

/** The badge colours of the staff lists (staff.module.css `.state[data-state]`). */
const REQUEST_STATE_BADGE: Record<HoldRequestState, string> = {
  asked: 'pending',
  placed: 'succeeded',
  canceled: 'canceled',
  expired: 'failed',
};

function MewsState({ hold }: { hold: HoldView }) {
  if (hold.state !== 'placed' && !hold.preauthorizationState) return <>–</>;
  if (!hold.preauthorizationState) {
    return <span className={linkStyles.sub}>Not found in Mews yet</span>;
  }
  const words =
    PREAUTHORIZATION_STATE_LABEL[hold.preauthorizationState] ?? hold.preauthorizationState;
  return (
    <span className={linkStyles.guest}>
      <span data-testid="hold-mews-state" data-mews-state={hold.preauthorizationState}>
        {words}
      </span>
      {!hold.live && hold.stateReadAt ? (
        <span className={linkStyles.sub}>as of {dateTime(hold.stateReadAt)}</span>
      ) : null}
    </span>
  );
}

function Expiry({ hold }: { hold: HoldView }) {
  if (!hold.estimatedExpiry) return <>–</>;
  return (
    <span className={linkStyles.guest}>
      <span>
        about {dateTime(hold.estimatedExpiry)}
        {hold.expiry ? (
          <>
            {' '}
            <span
              className={styles.state}
              data-state={hold.expiry === 'expired' ? 'failed' : 'pending'}
              data-testid="hold-expiry-flag"
            >
              {hold.expiry === 'expired' ? 'Expired' : 'Expires soon'}
            </span>
          </>
        ) : null}
      </span>
    </span>
  );
}

export function HoldsView({ overview }: { overview: HoldsOverview }) {
  const { holds } = overview;
  return (
    <>
      <h1>Holds</h1>
      <p data-testid="holds-capture-note">
        Capturing or releasing a hold is done in Mews Operations (Payments → Preauthorizations). The
        Mews Connector API cannot capture, release, extend or increase a hold.
      </p>
      <p className={styles.hint}>
        Estimated expiry: about 7 days after placing (Mews&apos; default, at most 28; the card
        processor may end it sooner).
      </p>
      {overview.mewsError ? (
        <p className={styles.notice} role="status" data-testid="holds-mews-error">
          Mews could not be read just now, so each hold shows its last known state.{' '}
          {overview.mewsError}
        </p>
      ) : null}
      <section className="card" aria-labelledby="holds-heading">
        <h2 id="holds-heading" className={styles.srOnly}>
          Hold requests
        </h2>
        {holds.length === 0 ? (
          <p className="muted" data-testid="holds-empty">
            No holds yet. A hold is asked for with a payment link that asks for a hold on the card
            instead of a payment (Payment links → New payment link).
          </p>
        ) : (
          <div className={styles.tableWrap}>
            <table data-testid="holds-table" className={styles.stackTable}>
              <caption className={styles.srOnly}>Holds, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Guest</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Requested</th>
                  <th scope="col">State</th>
                  <th scope="col">In Mews</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Estimated expiry</th>
                </tr>
              </thead>
              <tbody>
                {holds.map((hold) => (
                  <tr key={hold.id} data-hold-id={hold.id} data-state={hold.state}>
                    <td data-label="Guest">
                      <span className={linkStyles.guest}>
                        <span>{hold.guestName ?? 'Guest'}</span>
                        <span className={linkStyles.sub}>
                          {hold.reservationNumber
                            ? `Reservation ${hold.reservationNumber}`
                            : 'No reservation'}
                          {' · '}
                          {hold.description}
                        </span>
                      </span>
                    </td>
                    <td data-label="Amount">{money(hold.amountMinor, hold.currency)}</td>
                    <td data-label="Requested">{dateTime(hold.requestedAt)}</td>
                    <td data-label="State" data-testid="hold-state">
                      <span className={styles.state} data-state={REQUEST_STATE_BADGE[hold.state]}>
                        {REQUEST_STATE_LABEL[hold.state]}
                      </span>
                    </td>
                    <td data-label="In Mews">
                      <MewsState hold={hold} />
                    </td>
                    <td data-label="Placed">{dateTime(hold.placedAt)}</td>
                    <td data-label="Estimated expiry" data-testid="hold-expiry">
                      <Expiry hold={hold} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
