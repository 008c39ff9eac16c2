'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, useTransition } from 'react';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';
import type { LinkEmailDefaults, EmailView, LinkRow } from '@/lib/payments/back-office/links';
import { MAIL_NOT_SET_UP } from '@/lib/payments/links/schemas';
import { EMAIL_ADDRESS_MESSAGE, emailAddressSchema } from '@/lib/payments/email/schemas';
import { resendEmailAction, sendLinkToGuestAction } from '@/lib/payments/email/staff-actions';
import { fetchStaff, handleSessionLoss } from './fetch-staff';
import { EMAIL_KIND_LABEL } from './email-state';
import { Field, TextInput } from './fields';
import { StaffDialog } from './staff-dialog';
import styles from './staff.module.css';

/**
 * "Send to guest" and "Send again": each opens a dialog with the address (editable) before
 * anything is sent, and says what happens to a link address given out before.
 */

function addressProblem(address: string): string | null {
  const parsed = emailAddressSchema.safeParse(address);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? EMAIL_ADDRESS_MESSAGE);
}

/** "Send again" for one stored e-mail: the same message (and link), to the same or another address. */
export function ResendEmailButton({ email }: { email: EmailView }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const fieldId = useId();
  const [address, setAddress] = useState(email.recipient);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const kind = EMAIL_KIND_LABEL[email.kind].toLowerCase();
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        aria-label={`Send the ${kind} e-mail to ${email.recipient} again`}
        onClick={() => {
          setAddress(email.recipient);
          setProblem(null);
          setDone(null);
          setOpen(true);
        }}
      >
        Send again
      </button>
      {done ? (
        <span role="status" className={styles.hint} data-testid="email-resent">
          {' '}
          {done}
        </span>
      ) : null}
      <StaffDialog open={open} onClose={() => setOpen(false)} title={`Send the ${kind} again`}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const invalid = addressProblem(address);
            setProblem(invalid);
            if (invalid) return;
            startTransition(async () => {
              const result = handleSessionLoss(
                await resendEmailAction({ emailId: email.id, recipient: address.trim() }),
              );
              if (!result.ok) {
                setProblem(result.error.message);
                return;
              }
              setDone(`Queued to ${address.trim()}.`);
              setOpen(false);
              await queryClient.invalidateQueries({ queryKey: ['staff'] });
            });
          }}
        >
          <p className={styles.hint}>
            The same message is sent again, as it was written (the link in it is unchanged).
          </p>
          <Field id={fieldId} label="E-mail address" error={problem ?? undefined}>
            <TextInput
              id={fieldId}
              type="email"
              autoComplete="off"
              error={problem}
              value={address}
              onChange={(event) => setAddress(event.target.value)}
            />
          </Field>
          <div className={styles.actions}>
            <button type="submit" className={styles.button} disabled={pending} aria-busy={pending}>
              {pending ? 'Sending…' : 'Send again'}
            </button>
            <button type="button" className={styles.secondary} onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </form>
      </StaffDialog>
    </>
  );
}

/** Whether the link's own e-mail was ever queued (its address is then stored in that e-mail). */
export function wasEmailed(link: LinkRow): boolean {
  return link.emails.some((email) => email.kind === 'payment_link');
}

function SendLinkForm({
  link,
  defaults,
  onSent,
  onClose,
}: {
  link: LinkRow;
  defaults: LinkEmailDefaults;
  onSent: (message: string) => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const emailId = useId();
  const localeId = useId();
  const [address, setAddress] = useState(defaults.email ?? '');
  const [locale, setLocale] = useState<Locale>(defaults.locale);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const again = wasEmailed(link);
  return (
    <form
      noValidate
      data-testid="send-link-form"
      onSubmit={(event) => {
        event.preventDefault();
        const invalid = addressProblem(address);
        setProblem(invalid);
        if (invalid) return;
        startTransition(async () => {
          const result = handleSessionLoss(
            await sendLinkToGuestAction({ linkId: link.id, email: address.trim(), locale }),
          );
          if (!result.ok) {
            setProblem(result.error.message);
            return;
          }
          onSent(
            result.data.rotated
              ? `Queued to ${address.trim()} with a new link address; the one given before no longer works.`
              : `Queued to ${address.trim()}.`,
          );
          await queryClient.invalidateQueries({ queryKey: ['staff'] });
        });
      }}
    >
      {again ? (
        <p className={styles.hint}>
          The link e-mail is sent again with the same link address (the guest’s earlier e-mail keeps
          working).
        </p>
      ) : (
        <p className={styles.notice} data-testid="send-link-new-address">
          This link was never e-mailed, and its address cannot be shown again. Sending it issues a
          new link address: the one given to the guest before (copied or as a QR code) stops
          working.
        </p>
      )}
      <Field id={emailId} label="Guest’s e-mail address" error={problem ?? undefined}>
        <TextInput
          id={emailId}
          type="email"
          autoComplete="off"
          error={problem}
          value={address}
          onChange={(event) => setAddress(event.target.value)}
        />
      </Field>
      <Field id={localeId} label="Language of the e-mail">
        <select
          id={localeId}
          className={styles.input}
          value={locale}
          onChange={(event) => setLocale(event.target.value as Locale)}
        >
          {LOCALES.map((code) => (
            <option key={code} value={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
      </Field>
      <div className={styles.actions}>
        <button type="submit" className={styles.button} disabled={pending} aria-busy={pending}>
          {pending ? 'Sending…' : again ? 'Send again' : 'Send with a new address'}
        </button>
        <button type="button" className={styles.secondary} onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

/** The link's own e-mail: "Send to guest" for a link never e-mailed, else "Send again". */
export function SendLinkButton({
  link,
  mailConfigured,
}: {
  link: LinkRow;
  /** From the server page; undefined when the page did not say (the dialog then asks). */
  mailConfigured?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const again = wasEmailed(link);
  const { data, error } = useQuery({
    queryKey: ['staff', 'link-email-defaults', link.id],
    queryFn: () => fetchStaff<LinkEmailDefaults>(`/api/staff/links/${link.id}`),
    enabled: open,
    staleTime: 30_000,
  });
  const label = again ? 'Send again' : 'Send to guest';
  const what = `the ${link.description} link`;
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        disabled={mailConfigured === false}
        title={mailConfigured === false ? MAIL_NOT_SET_UP : undefined}
        aria-label={again ? `Send ${what} again` : `Send ${what} to the guest`}
        onClick={() => {
          setDone(null);
          setOpen(true);
        }}
      >
        {label}
      </button>
      {done ? (
        <span role="status" className={styles.hint} data-testid="link-email-sent">
          {' '}
          {done}
        </span>
      ) : null}
      <StaffDialog
        open={open}
        onClose={() => setOpen(false)}
        title={again ? 'Send the link again' : 'Send the link to the guest'}
      >
        {error ? (
          <div className={styles.dialogBody}>
            <p className={styles.alert}>{error.message}</p>
            <button type="button" className={styles.secondary} onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        ) : !data ? (
          <p className="muted">Loading…</p>
        ) : !data.mailConfigured ? (
          <div className={styles.dialogBody}>
            <p className={styles.notice}>{MAIL_NOT_SET_UP}</p>
            <button type="button" className={styles.secondary} onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        ) : (
          <SendLinkForm
            link={link}
            defaults={data}
            onClose={() => setOpen(false)}
            onSent={(message) => {
              setDone(message);
              setOpen(false);
            }}
          />
        )}
      </StaffDialog>
      {mailConfigured === false ? <span className={styles.hint}> {MAIL_NOT_SET_UP}</span> : null}
    </>
  );
}
