import Link from 'next/link';
import type {
  DriftEntry,
  ReconciliationOverview,
} from '@/lib/payments/reconciliation/drift-report';
import { dateTime, money } from './format';
import { ReconcileNowButton } from './reconcile-now-button';

const KIND_LABEL: Record<DriftEntry['kind'], string> = {
  missing_from_ledger: 'In Mews, not in our ledger',
  missing_from_mews: 'In our ledger, not in Mews',
  state_differs: 'State differs',
  amount_differs: 'Amount differs',
  stuck: 'Not settled',
  needs_person: 'Needs a person',
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** The managers' view of how our ledger and Mews agree, and what the reconciler has done. */
export function ReconciliationView({
  overview,
  days,
}: {
  overview: ReconciliationOverview;
  days: number;
}) {
  const { drift } = overview;
  const needsPerson = drift?.entries.filter((entry) => entry.kind === 'needs_person').length ?? 0;
  return (
    <>
      <h1>Reconciliation</h1>
      <p className="muted">
        Every minute one app instance asks Mews about payments whose outcome is not final and
        updates the ledger. Mews is the source of truth: nothing is ever charged again here.
      </p>
      <ReconcileNowButton />

      <section className="card" aria-labelledby="drift-heading">
        <h2 id="drift-heading">Differences with Mews, last {days} days</h2>
        <p className="muted">
          <Link href="?days=1">1 day</Link> · <Link href="?days=7">7 days</Link> ·{' '}
          <Link href="?days=30">30 days</Link> · <Link href="?days=89">89 days</Link>
        </p>
        {overview.driftError ? <p role="alert">{overview.driftError}</p> : null}
        {drift ? (
          <>
            <p data-testid="drift-summary">
              Compared {drift.ledgerAttemptsChecked} ledger payments with{' '}
              {drift.mewsPaymentsChecked} Mews payments:{' '}
              {drift.entries.length === 0
                ? 'no differences.'
                : `${drift.entries.length} to look at.`}
            </p>
            <p className="muted" data-testid="drift-read">
              Read {drift.mewsRead.payments} Mews payments in {drift.mewsRead.pages}{' '}
              {drift.mewsRead.pages === 1 ? 'page' : 'pages'}
              {drift.mewsRead.windows > 1
                ? ` over ${drift.mewsRead.windows} windows (Mews reads at most three months at a time)`
                : ''}{' '}
              in {seconds(drift.mewsRead.durationMs)}, paced to leave most of the Mews rate limit to
              payments.
            </p>
            {needsPerson > 0 ? (
              <p role="alert" data-testid="drift-needs-person">
                {needsPerson} {needsPerson === 1 ? 'payment needs' : 'payments need'} a person: the
                reconciler found several charged Mews payments that could each be its own and will
                not guess.
              </p>
            ) : null}
            {drift.entries.length > 0 ? (
              <table data-testid="drift-table">
                <caption>Payments where the ledger and Mews disagree</caption>
                <thead>
                  <tr>
                    <th scope="col">What</th>
                    <th scope="col">Created</th>
                    <th scope="col">Amount</th>
                    <th scope="col">Ledger</th>
                    <th scope="col">Mews</th>
                    <th scope="col">Explanation</th>
                  </tr>
                </thead>
                <tbody>
                  {drift.entries.map((entry) => (
                    <tr
                      key={`${entry.kind}-${entry.attemptId}-${entry.mewsPaymentId}`}
                      data-kind={entry.kind}
                    >
                      <td>
                        {entry.kind === 'needs_person' ? (
                          <strong>{KIND_LABEL[entry.kind]}</strong>
                        ) : (
                          KIND_LABEL[entry.kind]
                        )}
                      </td>
                      <td data-label="Created">{dateTime(entry.createdAt)}</td>
                      <td data-label="Amount">
                        {entry.amountMinor !== null && entry.currency
                          ? money(entry.amountMinor, entry.currency)
                          : '—'}
                      </td>
                      <td data-label="Ledger">
                        {entry.attemptId && entry.ledgerState ? (
                          <Link href={`/staff/payments/${entry.attemptId}`}>
                            {entry.ledgerState}
                          </Link>
                        ) : (
                          (entry.ledgerState ?? '—')
                        )}
                      </td>
                      <td data-label="Mews">
                        {entry.mewsState ??
                          (entry.candidatePaymentIds ? 'charged (candidates)' : '—')}
                        {entry.mewsPaymentId ? (
                          <div className="muted">{entry.mewsPaymentId}</div>
                        ) : null}
                        {entry.candidatePaymentIds?.map((id) => (
                          <div key={id} className="muted">
                            {id}
                          </div>
                        ))}
                      </td>
                      <td data-label="Explanation">{entry.explanation}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Recent passes</h2>
        <p className="muted">
          Webhook events: {overview.webhookEvents.received} waiting,{' '}
          {overview.webhookEvents.processed} processed, {overview.webhookEvents.unmatched} not
          matched to a ledger payment.
        </p>
        {overview.runs.length === 0 ? (
          <p className="muted">No passes yet.</p>
        ) : (
          <table data-testid="reconciliation-runs">
            <caption>The last {overview.runs.length} reconciliation passes</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Checked</th>
                <th scope="col">Updated</th>
                <th scope="col">Could not read</th>
                <th scope="col">Webhook events</th>
              </tr>
            </thead>
            <tbody>
              {overview.runs.map((run) => (
                <tr key={run.id}>
                  <td data-label="Started">{dateTime(run.startedAt)}</td>
                  <td data-label="Trigger">{run.trigger}</td>
                  <td data-label="Checked">{run.checked}</td>
                  <td data-label="Updated">{run.settled}</td>
                  <td data-label="Could not read">{run.errors}</td>
                  <td data-label="Webhook events">{run.webhookEventsProcessed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
