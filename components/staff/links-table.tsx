'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState, useTransition } from 'react';
import type { LinkRow } from '@/lib/payments/back-office/links';
import {
  cancelPaymentLinkAction,
  showPaymentLinkAction,
  undoCancelPaymentLinkAction,
} from '@/lib/payments/links/actions';
import { LINK_PURPOSE_LABEL } from '@/lib/payments/links/schemas';
import type { ShownLink } from '@/lib/payments/links/staff-links';
import { SendLinkButton, wasEmailed } from './email-actions';
import { EmailMessages } from './email-messages';
import { EMAIL_KIND_LABEL, EmailStateDetail } from './email-state';
import { handleSessionLoss } from './fetch-staff';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import linkStyles from './links.module.css';
import { StaffDialog } from './staff-dialog';
import styles from './staff.module.css';

function linkName(link: LinkRow): string {
  return `the ${money(link.amountMinor, link.currency)} link “${link.description}”`;
}

/** A hold link whose hold the guest has placed: it stays open in our ledger, but is done. */
export function holdPlaced(link: LinkRow): boolean {
  return link.collect === 'hold' && link.holdPlacedAt !== null && link.state !== 'canceled';
}

/** The link's status in the words a clerk would say to the guest. */
export function linkStatusWords(link: LinkRow): string {
  if (holdPlaced(link) && link.holdPlacedAt) {
    return `Hold placed ${dateTime(link.holdPlacedAt)}: capture or release it in Mews Operations`;
  }
  switch (link.state) {
    case 'open':
      return link.collect === 'hold'
        ? 'Waiting for the guest to place the hold'
        : 'Waiting for the guest to pay';
    case 'processing':
      return 'The guest is paying now';
    case 'paid':
      return link.paidAt ? `Paid ${dateTime(link.paidAt)}` : 'Paid';
    case 'expired':
      return 'Expired without payment';
    case 'canceled':
      if (link.canceledReason === 'sibling_paid') return 'Closed: paid through another link';
      if (link.canceledReason === 'api') return 'Canceled by the booking system';
      return link.canceledByName ? `Canceled by ${link.canceledByName}` : 'Canceled';
  }
}

/** "Undo" for a minute after a clerk canceled the link; the guest is told only after that minute. */
function UndoCancel({ link }: { link: LinkRow }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const until = link.undoableUntil ? new Date(link.undoableUntil).getTime() : 0;
  const secondsLeft = Math.max(0, Math.ceil((until - now) / 1_000));
  if (secondsLeft === 0 && !problem) return null;
  return (
    <span className={linkStyles.undo}>
      {secondsLeft > 0 ? (
        <button
          type="button"
          className={styles.secondary}
          disabled={pending}
          aria-busy={pending}
          aria-label={`Undo canceling ${linkName(link)}`}
          onClick={() =>
            startTransition(async () => {
              const result = handleSessionLoss(
                await undoCancelPaymentLinkAction({ linkId: link.id }),
              );
              setProblem(result.ok ? null : result.error.message);
              await queryClient.invalidateQueries({ queryKey: ['staff'] });
            })
          }
        >
          {pending ? 'Undoing…' : `Undo (${secondsLeft} s)`}
        </button>
      ) : null}
      {problem ? (
        <span className={styles.error} role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}

/** "Cancel" asks first, and says the guest is told after a minute unless it is undone. */
function CancelButton({ link }: { link: LinkRow }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const emailed = wasEmailed(link);
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        aria-label={`Cancel ${linkName(link)}`}
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
      >
        Cancel
      </button>
      <StaffDialog open={open} onClose={() => setOpen(false)} title="Cancel this payment link?">
        <p>
          {money(link.amountMinor, link.currency)} · {link.description}
          {link.guestName ? ` · ${link.guestName}` : ''}
        </p>
        <p className={styles.hint}>
          The link stops working at once. You can undo this for one minute
          {emailed ? '; after that the guest is e-mailed that the link was canceled' : ''}.
        </p>
        {problem ? (
          <p className={styles.alert} role="alert">
            {problem}
          </p>
        ) : null}
        <div className={styles.actions}>
          <button
            type="button"
            className={styles.danger}
            disabled={pending}
            aria-busy={pending}
            onClick={() =>
              startTransition(async () => {
                const result = handleSessionLoss(
                  await cancelPaymentLinkAction({ linkId: link.id }),
                );
                if (!result.ok) {
                  setProblem(result.error.message);
                  return;
                }
                setOpen(false);
                await queryClient.invalidateQueries({ queryKey: ['staff'] });
              })
            }
          >
            {pending ? 'Canceling…' : 'Cancel link'}
          </button>
          <button type="button" className={styles.secondary} onClick={() => setOpen(false)}>
            Keep it
          </button>
        </div>
      </StaffDialog>
    </>
  );
}

/**
 * "Show QR / copy": an e-mailed link shows the address the guest has; a link never e-mailed first
 * asks, because showing it means a new address (only a fingerprint of the old one is stored).
 */
function ShowLinkButton({ link }: { link: LinkRow }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const load = (rotate: boolean) =>
    startTransition(async () => {
      const result = handleSessionLoss(await showPaymentLinkAction({ linkId: link.id, rotate }));
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      setShown(result.data);
      if (rotate) await queryClient.invalidateQueries({ queryKey: ['staff'] });
    });
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        aria-label={`Show the QR code of ${linkName(link)}`}
        onClick={() => {
          setShown(null);
          setProblem(null);
          setCopied(false);
          setOpen(true);
          load(false);
        }}
      >
        Show QR / copy
      </button>
      <StaffDialog open={open} onClose={() => setOpen(false)} title="The payment link">
        {problem ? (
          <p className={styles.alert} role="alert">
            {problem}
          </p>
        ) : null}
        {pending && !shown ? <p className={styles.hint}>Loading…</p> : null}
        {shown?.needsRotation ? (
          <div data-testid="link-new-address">
            <p>
              This link was never e-mailed, and for safety its address was not kept. Showing it
              gives the link a new address:{' '}
              <strong>an address copied or printed before stops working.</strong>
            </p>
            <div className={styles.actions}>
              <button
                type="button"
                className={styles.button}
                disabled={pending}
                aria-busy={pending}
                onClick={() => load(true)}
              >
                {pending ? 'Making a new address…' : 'Make a new address'}
              </button>
            </div>
          </div>
        ) : null}
        {shown && !shown.needsRotation ? (
          <div className={linkStyles.qrPanel} data-testid="shown-link">
            {shown.rotated ? (
              <p className={styles.hint}>New address: the one given out before no longer works.</p>
            ) : (
              <p className={styles.hint}>The address the guest was e-mailed.</p>
            )}
            <p className={linkStyles.url} data-testid="shown-link-url">
              {shown.url}
            </p>
            <button
              type="button"
              className={styles.button}
              onClick={async () => {
                await navigator.clipboard.writeText(shown.url).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
            <div
              className={linkStyles.qr}
              role="img"
              aria-label="QR code of the payment link, for the guest to scan"
              data-testid="shown-link-qr"
              dangerouslySetInnerHTML={{ __html: shown.qrSvg }}
            />
          </div>
        ) : null}
        <div className={styles.actions}>
          <button type="button" className={styles.secondary} onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </StaffDialog>
    </>
  );
}

/** The latest e-mail about the link: what it was and how it went, or that none was sent. */
function LatestEmail({ link }: { link: LinkRow }) {
  const latest = link.emails[0];
  if (!latest) return <span className="muted">Not e-mailed</span>;
  return (
    <>
      <span className={styles.hint}>{EMAIL_KIND_LABEL[latest.kind]}</span>{' '}
      <EmailStateDetail email={latest} showRecipient />
    </>
  );
}

/**
 * `mailConfigured`: whether e-mail is set up, from the server page; undefined where the page did
 * not say (the "Send to guest" dialog then tells).
 */
export function LinksTable({
  links,
  mailConfigured,
}: {
  links: LinkRow[];
  mailConfigured?: boolean;
}) {
  const [expanded, setExpanded] = useState<string | null>(null);
  if (links.length === 0) return <p className="muted">No payment links.</p>;
  return (
    <div className={styles.tableWrap}>
      <table data-testid="links-table" className={styles.stackTable}>
        <caption className={styles.srOnly}>Payment links</caption>
        <thead>
          <tr>
            <th scope="col">Guest</th>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">E-mail</th>
            <th scope="col">Expires</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className={styles.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => {
            const open = expanded === link.id;
            const messagesId = `link-emails-${link.id}`;
            const placed = holdPlaced(link);
            const payable = link.state === 'open' && !placed;
            return (
              <Fragment key={link.id}>
                <tr
                  id={`link-${link.id}`}
                  data-link-id={link.id}
                  data-state={link.state}
                  data-collect={link.collect}
                >
                  <td data-label="Guest">
                    <span className={linkStyles.guest}>
                      <span data-testid="link-guest">{link.guestName ?? 'Guest'}</span>
                      <span className={linkStyles.sub}>
                        {link.reservationNumber
                          ? `Reservation ${link.reservationNumber}`
                          : 'No reservation'}
                      </span>
                    </span>
                  </td>
                  <td data-label="Description">
                    <span className={linkStyles.guest}>
                      <span>{link.description}</span>
                      <span className={linkStyles.sub}>
                        {LINK_PURPOSE_LABEL[link.purpose]}
                        {link.keepOpenWhenSiblingPaid ? ' · kept open' : ''}
                      </span>
                    </span>
                  </td>
                  <td data-label="Amount">
                    <span className={linkStyles.guest}>
                      <span>{money(link.amountMinor, link.currency)}</span>
                      {link.collect === 'hold' ? (
                        <span className={linkStyles.sub} data-testid="link-collect">
                          Hold
                        </span>
                      ) : null}
                    </span>
                  </td>
                  <td data-label="Status" data-testid="link-status">
                    <span className={linkStyles.guest}>
                      {placed ? (
                        <span className={styles.state} data-state="succeeded">
                          Hold placed
                        </span>
                      ) : (
                        <StateBadge state={link.state} />
                      )}
                      <span className={linkStyles.sub}>{linkStatusWords(link)}</span>
                    </span>
                  </td>
                  <td data-label="E-mail" data-testid="link-email-state">
                    <LatestEmail link={link} />
                  </td>
                  <td data-label="Expires">{dateTime(link.expiresAt)}</td>
                  <td data-label="Created">
                    <span className={linkStyles.guest}>
                      <span>{dateTime(link.createdAt)}</span>
                      <span className={linkStyles.sub}>
                        {link.createdByName
                          ? `by ${link.createdByName}`
                          : link.createdVia === 'api'
                            ? 'by the booking system'
                            : link.createdVia === 'cli'
                              ? 'from the command line'
                              : ''}
                      </span>
                    </span>
                  </td>
                  <td>
                    <div className={styles.actions}>
                      {payable ? (
                        <SendLinkButton link={link} mailConfigured={mailConfigured} />
                      ) : null}
                      {payable ? <ShowLinkButton link={link} /> : null}
                      {(link.state === 'open' || link.state === 'expired') && !placed ? (
                        <CancelButton link={link} />
                      ) : null}
                      {link.undoableUntil ? <UndoCancel link={link} /> : null}
                      {link.emails.length > 0 ? (
                        <button
                          type="button"
                          className={styles.linkButton}
                          aria-expanded={open}
                          aria-controls={messagesId}
                          onClick={() => setExpanded(open ? null : link.id)}
                        >
                          {open ? 'Hide e-mails' : `E-mails (${link.emails.length})`}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
                {link.emails.length > 0 ? (
                  <tr id={messagesId} hidden={!open} data-testid="link-emails">
                    <td colSpan={8} className={styles.emailsPanel}>
                      {open ? (
                        <EmailMessages
                          emails={link.emails}
                          linkOpen={link.state === 'open'}
                          caption={`E-mails about the ${money(link.amountMinor, link.currency)} link`}
                        />
                      ) : null}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
