import { useState } from 'react';
import { changePasswordSchema } from '../../core/schemas/auth';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { useSession } from '../session';

export function AccountScreen() {
  const { user } = useSession();
  const [done, setDone] = useState(false);
  const { form, onSubmit, formError } = useApiForm('auth.changePassword', changePasswordSchema, {
    defaultValues: { currentPassword: '', newPassword: '' },
    onSuccess: () => {
      form.reset();
      setDone(true);
    },
  });
  const { errors } = form.formState;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">My account</h1>
      <p>
        {user.displayName} — {user.username}
      </p>
      <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="pw-title">
        <h2 id="pw-title">Change password</h2>
        <FormError message={formError} />
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword}
          {...form.register('currentPassword')}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          error={errors.newPassword}
          {...form.register('newPassword')}
        />
        <button type="submit" className="primary">
          Change password
        </button>
        {done ? (
          <p role="status" className="notice">
            Password changed.
          </p>
        ) : null}
      </form>
    </section>
  );
}
