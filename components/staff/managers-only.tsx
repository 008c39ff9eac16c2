/**
 * What front-desk staff see on a manager page: served with HTTP 403 through `forbidden()`
 * (lib/auth/staff-page.ts managerPage, app/staff/(office)/forbidden.tsx).
 */
export function ManagersOnly({ what }: { what?: string }) {
  return (
    <section>
      <h1>Managers only</h1>
      <p role="alert" data-testid="managers-only">
        {what ? `Only a manager can ${what}.` : 'Only a manager can open this page.'} Ask a manager
        if you need this.
      </p>
    </section>
  );
}
