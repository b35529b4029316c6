import { signInSchema } from '../../core/schemas/auth';
import type { SessionInfo } from '../../core/types';
import { useApiForm } from '../api/useApiForm';
import { Field } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { useI18n } from '../i18n';
import { LanguagePicker } from '../shell/LanguagePicker';

export function SignIn({
  facilityName,
  onSignedIn,
}: {
  facilityName: string | null;
  onSignedIn: (s: SessionInfo) => void;
}) {
  const { form, field, ...submit } = useApiForm('auth.signIn', signInSchema, {
    defaultValues: { username: '', password: '' },
    onSuccess: onSignedIn,
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <main className="auth-page">
      <LanguagePicker />
      <TitledForm
        titleId="signin-title"
        title={t('auth.signInTitle')}
        level={1}
        className="card auth-card"
        intro={facilityName ? <p className="muted">{facilityName}</p> : null}
        submit={submit}
      >
        <Field
          label={t('auth.username')}
          autoComplete="username"
          autoFocus
          {...field('username')}
        />
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          {...field('password')}
        />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </TitledForm>
    </main>
  );
}
