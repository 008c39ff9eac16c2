'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { signInWithPasswordAction } from '@/lib/auth/actions';
import { signInSchema, type SignInInput } from '@/lib/auth/sign-in-schema';
import { Field, SubmitButton, TextInput } from './fields';
import styles from './staff.module.css';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  const submit = (values: SignInInput) =>
    startTransition(async () => {
      setProblem(null);
      const result = await signInWithPasswordAction({ ...values, callbackUrl });
      // Success redirects; only a refusal comes back.
      if (result && !result.ok) {
        setProblem(result.message);
        form.resetField('password');
        form.setFocus('password');
      }
    });

  return (
    <form className={styles.form} onSubmit={form.handleSubmit(submit)} noValidate>
      {problem ? (
        <p className={styles.alert} role="alert" data-testid="sign-in-error">
          {problem}
        </p>
      ) : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <TextInput
          id="email"
          error={errors.email}
          type="email"
          autoComplete="username"
          autoFocus
          {...form.register('email')}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <TextInput
          id="password"
          error={errors.password}
          type="password"
          autoComplete="current-password"
          {...form.register('password')}
        />
      </Field>
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
