import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInWithSsoAction } from '@/lib/auth/actions';
import { sessionStaffId } from '@/lib/auth/require-staff';
import { getConfig } from '@/lib/config';
import { SignInForm } from '@/components/staff/sign-in-form';
import styles from '@/components/staff/staff.module.css';

export const metadata: Metadata = { title: 'Staff sign-in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : '/staff';
  if (await sessionStaffId()) {
    // The office layout re-checks the account; a disabled user lands back here without a loop.
    if (params.signedOut === undefined && !params.error) redirect('/staff');
  }
  const oidc = getConfig().staff.oidc;
  return (
    <main className="page" style={{ maxWidth: 480 }}>
      <h1>Staff sign-in</h1>
      <p className="muted">
        Mews Checkout back office. Sign in with your own account: every action is recorded under
        your name.
      </p>
      {params.signedOut !== undefined ? (
        <p className={styles.success} role="status">
          You are signed out.
        </p>
      ) : null}
      <section className="card" aria-label="Sign in with email and password">
        <SignInForm callbackUrl={callbackUrl} />
      </section>
      {oidc ? (
        <form action={signInWithSsoAction}>
          <button type="submit" className={styles.secondary}>
            Sign in with {oidc.name}
          </button>
        </form>
      ) : null}
    </main>
  );
}
