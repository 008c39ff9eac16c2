import type { ReactNode } from 'react';

/**
 * The back office is in English; the document's language follows the guest pages' choice (a cookie
 * shared by the browser), so the staff area says its own language for screen readers and spelling.
 */
export default function StaffLayout({ children }: { children: ReactNode }) {
  return <div lang="en">{children}</div>;
}
