export function ManagersOnly({ what }: { what: string }) {
  return (
    <section>
      <h1>Managers only</h1>
      <p role="alert" data-testid="managers-only">
        Only a manager can {what}. Ask a manager if you need this.
      </p>
    </section>
  );
}
