import type { Metadata } from 'next';
import { ManagersOnly } from '@/components/staff/managers-only';

export const metadata: Metadata = { title: 'Managers only' };

/** Rendered, with HTTP 403, when a manager page calls `forbidden()` for front-desk staff. */
export default function Forbidden() {
  return <ManagersOnly />;
}
