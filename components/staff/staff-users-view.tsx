'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { staffAccountInputSchema } from '@/lib/auth/staff-schemas';
import { createStaffUserAction, updateStaffUserAction } from '@/lib/payments/back-office/actions';
import { handleSessionLoss } from './fetch-staff';
import { Field, SubmitButton, TextInput } from './fields';
import { dateTime } from './format';
import styles from './staff.module.css';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: 'frontdesk' | 'manager';
  disabled: boolean;
  lastSignInAt: string | null;
}

export function StaffUsersView({ users, selfId }: { users: UserRow[]; selfId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(staffAccountInputSchema),
    defaultValues: { email: '', name: '', role: 'frontdesk' as const, password: '' },
  });
  const { errors } = form.formState;

  const update = (staffId: string, patch: { role?: 'frontdesk' | 'manager'; disabled?: boolean }) =>
    startTransition(async () => {
      const result = handleSessionLoss(await updateStaffUserAction({ staffId, ...patch }));
      setMessage(
        result.ok
          ? { ok: true, text: `Updated ${result.data.email}` }
          : { ok: false, text: result.error.message },
      );
      router.refresh();
    });

  return (
    <>
      <h1>Staff</h1>
      {message ? (
        <p className={message.ok ? styles.success : styles.alert} role="status">
          {message.text}
        </p>
      ) : null}
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">Accounts</h2>
        <table>
          <caption className={styles.srOnly}>Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>
                  <select
                    className={styles.input}
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={pending || user.id === selfId}
                    onChange={(event) =>
                      update(user.id, { role: event.target.value as UserRow['role'] })
                    }
                  >
                    <option value="frontdesk">Front desk</option>
                    <option value="manager">Manager</option>
                  </select>
                </td>
                <td data-label="Last sign-in">{dateTime(user.lastSignInAt)}</td>
                <td>
                  {user.id === selfId ? (
                    'You'
                  ) : (
                    <button
                      type="button"
                      className={styles.secondary}
                      disabled={pending}
                      onClick={() => update(user.id, { disabled: !user.disabled })}
                    >
                      {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">Add a staff member</h2>
        <form
          className={styles.form}
          noValidate
          onSubmit={form.handleSubmit((values) =>
            startTransition(async () => {
              const result = handleSessionLoss(await createStaffUserAction(values));
              setMessage(
                result.ok
                  ? { ok: true, text: `Created ${result.data.email}` }
                  : { ok: false, text: result.error.message },
              );
              if (result.ok) form.reset();
              router.refresh();
            }),
          )}
        >
          <Field id="new-user-email" label="Email" error={errors.email?.message}>
            <TextInput
              id="new-user-email"
              error={errors.email}
              type="email"
              autoComplete="off"
              {...form.register('email')}
            />
          </Field>
          <Field id="new-user-name" label="Name" error={errors.name?.message}>
            <TextInput
              id="new-user-name"
              error={errors.name}
              autoComplete="off"
              {...form.register('name')}
            />
          </Field>
          <Field id="new-user-role" label="Role">
            <select id="new-user-role" className={styles.input} {...form.register('role')}>
              <option value="frontdesk">Front desk</option>
              <option value="manager">Manager</option>
            </select>
          </Field>
          <Field
            id="new-user-password"
            label="Initial password (leave empty for single sign-on only)"
            error={errors.password?.message}
          >
            <TextInput
              id="new-user-password"
              error={errors.password}
              type="password"
              autoComplete="new-password"
              {...form.register('password')}
            />
          </Field>
          <SubmitButton pending={pending} pendingLabel="Creating…">
            Create account
          </SubmitButton>
        </form>
      </section>
    </>
  );
}
