import { useState } from 'react';
import { setupSchema } from '../../core/schemas/auth';
import type { SessionInfo } from '../../core/types';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';

const guessZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'America/Phoenix';
  }
};

/** First run: the facility and its first administrator, or demo data to look around. */
export function Setup({ onDone }: { onDone: (s: SessionInfo) => void }) {
  const { form, onSubmit, formError } = useApiForm('setup.create', setupSchema, {
    defaultValues: {
      facility: { name: '', timeZone: guessZone(), address: '', phone: '' },
      admin: { displayName: '', username: '', password: '' },
    },
    onSuccess: onDone,
  });
  const [demoError, setDemoError] = useState<string | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const { errors, isSubmitting } = form.formState;

  const loadDemo = async () => {
    setLoadingDemo(true);
    setDemoError(null);
    const r = await api.call('setup.demo', {});
    setLoadingDemo(false);
    if (r.ok) onDone(r.value);
    else setDemoError(r.error.message);
  };

  return (
    <main className="auth-page">
      <form
        className="card setup-card"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="setup-title"
      >
        <h1 id="setup-title">Set up Handoff</h1>
        <p className="muted">
          This database is new. Name the center and create the first administrator.
        </p>
        <FormError message={formError} />
        <fieldset>
          <legend>Facility</legend>
          <Field
            label="Facility name"
            error={errors.facility?.name}
            {...form.register('facility.name')}
          />
          <Field
            label="Time zone"
            hint="Reports and times on screen use this zone, e.g. America/Phoenix."
            error={errors.facility?.timeZone}
            {...form.register('facility.timeZone')}
          />
          <Field
            label="Address (optional)"
            error={errors.facility?.address}
            {...form.register('facility.address')}
          />
          <Field
            label="Phone for dispatch (optional)"
            type="tel"
            error={errors.facility?.phone}
            {...form.register('facility.phone')}
          />
        </fieldset>
        <fieldset>
          <legend>First administrator</legend>
          <Field
            label="Full name"
            autoComplete="name"
            error={errors.admin?.displayName}
            {...form.register('admin.displayName')}
          />
          <Field
            label="Username"
            autoComplete="username"
            error={errors.admin?.username}
            {...form.register('admin.username')}
          />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 12 characters."
            error={errors.admin?.password}
            {...form.register('admin.password')}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Create facility and administrator'}
          </button>
        </div>
        <hr />
        <p className="muted">
          Just looking? Load a demo center with sample users and data (for training only).
        </p>
        <FormError message={demoError} />
        <button type="button" onClick={loadDemo} disabled={loadingDemo}>
          {loadingDemo ? 'Loading demo…' : 'Load demo data'}
        </button>
      </form>
    </main>
  );
}
