import { useState } from 'react';
import { changePasswordSchema } from '../../core/schemas/auth';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { WorkstationAlerts } from '../alerts/WorkstationAlerts';

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
  const { t } = useI18n();
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>
        {user.displayName} — {user.username}
      </p>
      <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="pw-title">
        <h2 id="pw-title">{t('account.changePassword')}</h2>
        <FormError message={formError} />
        <Field
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword}
          {...form.register('currentPassword')}
        />
        <Field
          label={t('account.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('account.passwordHint')}
          error={errors.newPassword}
          {...form.register('newPassword')}
        />
        <button type="submit" className="primary">
          {t('account.changePassword')}
        </button>
        {done ? (
          <p role="status" className="notice">
            {t('account.changed')}
          </p>
        ) : null}
      </form>
      <WorkstationAlerts />
    </section>
  );
}
