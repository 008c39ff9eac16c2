import type { SignInLockout, SignInLockoutScope } from '@/lib/auth/sign-in-lockouts';
import { dateTime } from './format';
import styles from './staff.module.css';

const WHAT: Record<SignInLockoutScope, (lockout: SignInLockout) => string> = {
  account_address: (l) =>
    `${l.failures} wrong passwords from this address in ${l.windowMinutes} minutes: this account is refused from it for up to ${l.windowMinutes} minutes`,
  address: (l) =>
    `${l.failures} failed sign-ins (any account) from this address in ${l.windowMinutes} minutes: every sign-in from it is refused for up to ${l.windowMinutes} minutes`,
  account: (l) =>
    `${l.failures} wrong passwords from many addresses in ${l.windowMinutes} minutes: this account is refused from addresses it has not signed in from lately; its usual places still work, a few seconds slower`,
};

/** For managers on the staff page: recent sign-in lock-outs, which usually mean someone is guessing. */
export function SignInLockouts({ lockouts, days }: { lockouts: SignInLockout[]; days: number }) {
  return (
    <section className="card" aria-labelledby="lockouts-heading" data-testid="sign-in-lockouts">
      <h2 id="lockouts-heading">Sign-in lock-outs</h2>
      {lockouts.length === 0 ? (
        <p className="muted">No sign-in lock-outs in the last {days} days.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table>
            <caption className={styles.srOnly}>
              Sign-in lock-outs of the last {days} days, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Account tried</th>
                <th scope="col">Address</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {lockouts.map((lockout) => (
                <tr key={lockout.id}>
                  <td data-label="When">{dateTime(lockout.occurredAt)}</td>
                  <td data-label="Account tried">
                    {lockout.email}
                    {lockout.knownAccount ? '' : ' (no such account)'}
                  </td>
                  <td data-label="Address" className={styles.mono}>
                    {lockout.scope === 'account'
                      ? `many (last: ${lockout.clientAddress ?? 'unknown'})`
                      : (lockout.clientAddress ?? 'unknown')}
                  </td>
                  <td data-label="What happened">{WHAT[lockout.scope](lockout)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
