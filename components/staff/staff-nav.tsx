'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTransition } from 'react';
import { signOutAction } from '@/lib/auth/actions';
import styles from './staff.module.css';

const LINKS = [
  { href: '/staff', label: 'Dashboard', exact: true },
  { href: '/staff/customers', label: 'Customers' },
  { href: '/staff/payments', label: 'Payments' },
  { href: '/staff/links', label: 'Payment links' },
  { href: '/staff/reconciliation', label: 'Reconciliation', manager: true },
  { href: '/staff/audit', label: 'Audit log', manager: true },
  { href: '/staff/users', label: 'Staff', manager: true },
  // Exact: /staff/settings/property is its own entry.
  { href: '/staff/settings', label: 'Payment methods', manager: true, exact: true },
  { href: '/staff/settings/property', label: 'Property', manager: true },
];

export function StaffNav({
  name,
  email,
  role,
}: {
  name: string;
  email: string;
  role: 'frontdesk' | 'manager';
}) {
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <nav className={styles.nav} aria-label="Back office">
      <p className={styles.navTitle}>Mews Checkout</p>
      {LINKS.filter((link) => !link.manager || role === 'manager').map((link) => {
        const current = link.exact ? pathname === link.href : pathname.startsWith(link.href);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? 'page' : undefined}>
            {link.label}
          </Link>
        );
      })}
      <div className={styles.navFooter}>
        <div data-testid="signed-in-as">{name}</div>
        <div>{email}</div>
        <div>{role === 'manager' ? 'Manager' : 'Front desk'}</div>
        <form action={() => startTransition(() => signOutAction())}>
          <button type="submit" className={styles.secondary} disabled={pending}>
            {pending ? 'Signing out…' : 'Sign out'}
          </button>
        </form>
      </div>
    </nav>
  );
}
