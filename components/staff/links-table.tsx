'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, useTransition } from 'react';
import type { LinkRow } from '@/lib/payments/back-office/links';
import { cancelPaymentLinkAction } from '@/lib/payments/links/actions';
import { SendLinkButton } from './email-actions';
import { EmailMessages } from './email-messages';
import { EMAIL_KIND_LABEL, EmailStateDetail } from './email-state';
import { handleSessionLoss } from './fetch-staff';
import { StateBadge } from './fields';
import { dateTime, money } from './format';
import styles from './staff.module.css';

function CancelButton({ link }: { link: LinkRow }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        disabled={pending}
        aria-busy={pending}
        aria-label={`Cancel the ${money(link.amountMinor, link.currency)} link “${link.description}”`}
        onClick={() =>
          startTransition(async () => {
            const result = handleSessionLoss(await cancelPaymentLinkAction({ linkId: link.id }));
            setProblem(result.ok ? null : result.error.message);
            await queryClient.invalidateQueries({ queryKey: ['staff'] });
          })
        }
      >
        {pending ? 'Canceling…' : 'Cancel'}
      </button>
      {problem ? (
        <span className={styles.error} role="alert">
          {' '}
          {problem}
        </span>
      ) : null}
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
            <th scope="col">Created</th>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">E-mail</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className={styles.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => {
            const open = expanded === link.id;
            const messagesId = `link-emails-${link.id}`;
            return (
              <Fragment key={link.id}>
                <tr id={`link-${link.id}`} data-link-id={link.id}>
                  <td data-label="Created">{dateTime(link.createdAt)}</td>
                  <td data-label="Description">{link.description}</td>
                  <td data-label="Amount">{money(link.amountMinor, link.currency)}</td>
                  <td data-label="Status">
                    <StateBadge state={link.state} />
                  </td>
                  <td data-label="E-mail" data-testid="link-email-state">
                    <LatestEmail link={link} />
                  </td>
                  <td data-label="Expires">{dateTime(link.expiresAt)}</td>
                  <td>
                    <div className={styles.actions}>
                      {link.state === 'open' ? (
                        <SendLinkButton link={link} mailConfigured={mailConfigured} />
                      ) : null}
                      {link.state === 'open' || link.state === 'expired' ? (
                        <CancelButton link={link} />
                      ) : null}
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
                    <td colSpan={7} className={styles.emailsPanel}>
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
