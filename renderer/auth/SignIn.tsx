import { signInSchema } from '../../core/schemas/auth';
import type { SessionInfo } from '../../core/types';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';

export function SignIn({
  facilityName,
  onSignedIn,
}: {
  facilityName: string | null;
  onSignedIn: (s: SessionInfo) => void;
}) {
  const { form, onSubmit, formError } = useApiForm('auth.signIn', signInSchema, {
    defaultValues: { username: '', password: '' },
    onSuccess: onSignedIn,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <main className="auth-page">
      <form
        className="card auth-card"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="signin-title"
      >
        <h1 id="signin-title">Sign in to Handoff</h1>
        {facilityName ? <p className="muted">{facilityName}</p> : null}
        <FormError message={formError} />
        <Field
          label="Username"
          autoComplete="username"
          autoFocus
          error={errors.username}
          {...form.register('username')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          {...form.register('password')}
        />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
