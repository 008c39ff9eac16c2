import Link from 'next/link';
import { connection } from 'next/server';
import { getAuthSecret, getConfig } from '@/lib/config';
import { getPaymentContext } from '@/lib/server/context';
import { listDemoLinks, type DemoLink } from '@/lib/payments/links/demo-links';
import { formatAmount } from '@/lib/money';
import { DEMO_STAFF } from '@/lib/auth/demo-staff';
import styles from './landing.module.css';

const MODE_LABEL = {
  sandbox: 'Offline sandbox (no real money moves)',
  demo: 'Mews demo environment',
  production: 'Mews production',
  custom: 'Custom Mews platform',
} as const;

export default async function LandingPage() {
  // Rendered per request: what it shows depends on the running configuration, not the build's.
  await connection();
  const config = getConfig();
  const sandbox = config.mews.mode === 'sandbox';
  const sandboxInboxUrl = config.mail?.sandboxInboxUrl;
  let demoLinks: DemoLink[] = [];
  if (sandbox) {
    demoLinks = await listDemoLinks(await getPaymentContext(), getAuthSecret(config)).catch(
      () => [],
    );
  }

  return (
    <main className="page" lang="en">
      <header style={{ marginBottom: '2rem' }}>
        <p className="badge" data-testid="mews-mode">
          {MODE_LABEL[config.mews.mode]}
        </p>
        <h1 style={{ margin: '0.5rem 0' }}>Mews Checkout</h1>
        <p className="muted" style={{ maxWidth: '42rem' }}>
          An open-source checkout for hotels on Mews. Guests pay deposits online from a payment
          link, by card (through PCI Proxy Secure Fields, so card numbers never touch this server)
          or by iDEAL. Front-desk staff charge stored cards, take new cards, record external and
          terminal payments, refund, and see every payment with who did what. Every payment is read
          back from Mews before anyone is told it succeeded.
        </p>
      </header>

      <div className="grid">
        <section className="card" aria-labelledby="staff-heading">
          <h2 id="staff-heading">Staff back office</h2>
          <p className="muted">
            Take and record payments, create payment links, refund, and review the audit trail.
          </p>
          <Link className="button" href="/staff">
            Open the back office
          </Link>
        </section>

        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">This installation</h2>
          <table className={styles.values}>
            <tbody>
              <tr>
                <th scope="row">Version</th>
                <td>{config.version}</td>
              </tr>
              <tr>
                <th scope="row">Mews</th>
                <td>
                  <code>{config.mews.platformUrl}</code>
                </td>
              </tr>
              <tr>
                <th scope="row">Database</th>
                <td>{config.databaseUrl ? 'PostgreSQL' : 'Embedded (PGlite)'}</td>
              </tr>
            </tbody>
          </table>
          <p>
            <a href="/api/health">Health check</a>
          </p>
        </section>
      </div>

      {sandbox ? (
        <section className="card" aria-labelledby="sandbox-heading" data-testid="sandbox-panel">
          <h2 id="sandbox-heading">Try it in the sandbox</h2>
          <p className="muted">
            This installation talks to the offline Mews sandbox at{' '}
            <code>{config.mews.platformUrl}</code>: the same Connector API, Secure Fields and iDEAL
            bank flows as Mews, with test cards and no real money. Point{' '}
            <code>MEWS_PLATFORM_URL</code> at Mews to go live (see the README).
          </p>
          <h3>Demo staff accounts</h3>
          <p className="muted">
            Sign in to the back office with one of these (sandbox only; they do not exist with a
            real Mews).
          </p>
          <table data-testid="demo-staff" className={`${styles.values} ${styles.accounts}`}>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Email</th>
                <th scope="col">Password</th>
              </tr>
            </thead>
            <tbody>
              {DEMO_STAFF.map((demo) => (
                <tr key={demo.email}>
                  <td>{demo.role === 'manager' ? 'Manager' : 'Front desk'}</td>
                  <td data-label="Email">
                    <code>{demo.email}</code>
                  </td>
                  <td data-label="Password">
                    <code>{demo.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Demo payment links</h3>
          {demoLinks.some((demo) => demo.link) ? (
            <ul data-testid="demo-links">
              {demoLinks.map(({ key, url, link }) =>
                link ? (
                  <li key={key}>
                    <a href={url}>{link.description}</a>{' '}
                    <span className="muted">
                      ({formatAmount(link.amountMinor, link.currency)}, {link.state})
                    </span>
                  </li>
                ) : null,
              )}
            </ul>
          ) : (
            <p className="muted">
              The demo links are created when the app starts with the sandbox running.
            </p>
          )}
          <p className="muted">
            Test cards: 4242 4242 4242 4242 (paid), 4900 0000 0000 0086 (declined), 5200 0000 0000
            0007 (pending, settles later); any future expiry, CVV 123. More in{' '}
            <code>sandbox/README.md</code>.
          </p>
          {sandboxInboxUrl ? (
            <>
              <h3>Sandbox mail</h3>
              <p className="muted">
                The sandbox is also the mail server: the payment links, receipts and reminders the
                app e-mails to guests land in its inbox, and nothing leaves this machine.
              </p>
              <p>
                <a href={sandboxInboxUrl} data-testid="sandbox-inbox">
                  Open the sandbox inbox
                </a>
              </p>
            </>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
