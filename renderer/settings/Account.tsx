import { useState } from 'react';
import { changePasswordSchema } from '../../core/schemas/auth';
import { useApiForm } from '../api/useApiForm';
import { Field } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { WorkstationAlerts } from '../alerts/WorkstationAlerts';

export function AccountScreen() {
  const { user } = useSession();
  const [done, setDone] = useState(false);
  const { form, field, ...submit } = useApiForm('auth.changePassword', changePasswordSchema, {
    defaultValues: { currentPassword: '', newPassword: '' },
    onSuccess: () => {
      form.reset();
      setDone(true);
    },
  });
  const { t } = useI18n();
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>
        {user.displayName} — {user.username}
      </p>
      <TitledForm titleId="pw-title" title={t('account.changePassword')} submit={submit}>
        <Field
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
          {...field('currentPassword')}
        />
        <Field
          label={t('account.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('account.passwordHint')}
          {...field('newPassword')}
        />
        <button type="submit" className="primary">
          {t('account.changePassword')}
        </button>
        {done ? (
          <p role="status" className="notice">
            {t('account.changed')}
          </p>
        ) : null}
      </TitledForm>
      <WorkstationAlerts />
    </section>
  );
}
