import Link from 'next/link';
import { connection } from 'next/server';
import { getConfig } from '@/lib/config';

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

  return (
    <main className="page">
      <header style={{ marginBottom: '2rem' }}>
        <p className="badge" data-testid="mews-mode">
          {MODE_LABEL[config.mews.mode]}
        </p>
        <h1 style={{ margin: '0.5rem 0' }}>Mews Checkout</h1>
        <p className="muted" style={{ maxWidth: '42rem' }}>
          An open-source checkout for hotels on Mews. Guests pay deposits online from a payment link, by card
          (through PCI Proxy Secure Fields, so card numbers never touch this server) or by iDEAL. Front-desk staff
          charge stored cards, take new cards, record external and terminal payments, refund, and see every
          payment with who did what. Every payment is read back from Mews before anyone is told it succeeded.
        </p>
      </header>

      <div className="grid">
        <section className="card" aria-labelledby="staff-heading">
          <h2 id="staff-heading">Staff back office</h2>
          <p className="muted">Take and record payments, create payment links, refund, and review the audit trail.</p>
          <Link className="button" href="/staff">
            Open the back office
          </Link>
        </section>

        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">This installation</h2>
          <table>
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
            This installation talks to the offline Mews sandbox at <code>{config.mews.platformUrl}</code>: the same
            Connector API, Secure Fields and iDEAL bank flows as Mews, with test cards and no real money. Point{' '}
            <code>MEWS_PLATFORM_URL</code> at Mews to go live (see the README).
          </p>
          <h3>Demo payment links</h3>
          <p className="muted" data-testid="demo-links-empty">
            Demo payment links appear here once payment links are enabled.
          </p>
        </section>
      ) : null}
    </main>
  );
}
