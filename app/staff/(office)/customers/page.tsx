import type { Metadata } from 'next';
import { CustomerSearch } from '@/components/staff/customer-search';
import { staffPage } from '@/lib/auth/staff-page';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage() {
  await staffPage('/staff/customers');
  return (
    <>
      <h1>Customers</h1>
      <CustomerSearch />
    </>
  );
}
