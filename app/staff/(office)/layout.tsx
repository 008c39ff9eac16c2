import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/query-provider';
import { StaffIntlProvider } from '@/components/staff/staff-intl-provider';
import { StaffNav } from '@/components/staff/staff-nav';
import styles from '@/components/staff/staff.module.css';
import { staffPage } from '@/lib/auth/staff-page';

export const metadata: Metadata = {
  title: { default: 'Back office', template: '%s · Back office' },
};

export default async function OfficeLayout({ children }: { children: ReactNode }) {
  // Each page checks again: a layout is not re-run on every client navigation.
  const { actor } = await staffPage('/staff');
  return (
    // The staff namespaces of the messages, in the staff member's language, for client components.
    <StaffIntlProvider>
      <div className={styles.shell}>
        <StaffNav name={actor.name} email={actor.email} role={actor.role} />
        <main className={styles.main}>
          <QueryProvider>{children}</QueryProvider>
        </main>
      </div>
    </StaffIntlProvider>
  );
}
