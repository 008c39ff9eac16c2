/**
 * What a back-office list page shows while its rows are read: the page's heading at once (the
 * clerk sees where they are, and the first byte leaves the server after the sign-in check only),
 * then the list streams in its place.
 */
export function PageLoading({ title, what }: { title: string; what: string }) {
  return (
    <section aria-busy="true">
      <h1>{title}</h1>
      <p className="muted" role="status">
        Loading {what}…
      </p>
    </section>
  );
}
