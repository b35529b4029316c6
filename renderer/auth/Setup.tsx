import { useState } from 'react';
import { setupSchema } from '../../core/schemas/auth';
import type { SessionInfo } from '../../core/types';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { useI18n } from '../i18n';
import { LanguagePicker } from '../shell/LanguagePicker';

const guessZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'America/Phoenix';
  }
};

/** First run: the facility and its first administrator, or demo data to look around. */
export function Setup({ onDone }: { onDone: (s: SessionInfo) => void }) {
  const { form, field, ...submit } = useApiForm('setup.create', setupSchema, {
    defaultValues: {
      facility: { name: '', timeZone: guessZone(), address: '', phone: '' },
      admin: { displayName: '', username: '', password: '' },
    },
    onSuccess: onDone,
  });
  const [demoError, setDemoError] = useState<string | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const { isSubmitting } = form.formState;
  const { t } = useI18n();

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
      <LanguagePicker />
      <TitledForm
        titleId="setup-title"
        title={t('auth.setupTitle')}
        level={1}
        className="card setup-card"
        intro={<p className="muted">{t('auth.setupIntro')}</p>}
        submit={submit}
      >
        <fieldset>
          <legend>{t('auth.facility')}</legend>
          <Field label={t('auth.facilityName')} {...field('facility.name')} />
          <Field
            label={t('auth.timeZone')}
            hint={t('auth.timeZoneHint')}
            {...field('facility.timeZone')}
          />
          <Field label={t('auth.addressOptional')} {...field('facility.address')} />
          <Field label={t('auth.phoneOptional')} type="tel" {...field('facility.phone')} />
        </fieldset>
        <fieldset>
          <legend>{t('auth.firstAdmin')}</legend>
          <Field label={t('auth.fullName')} autoComplete="name" {...field('admin.displayName')} />
          <Field label={t('auth.username')} autoComplete="username" {...field('admin.username')} />
          <Field
            label={t('auth.password')}
            type="password"
            autoComplete="new-password"
            hint={t('auth.passwordHint')}
            {...field('admin.password')}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {isSubmitting ? t('auth.creating') : t('auth.create')}
          </button>
        </div>
        <hr />
        <p className="muted">{t('auth.demoIntro')}</p>
        <FormError message={demoError} />
        <button type="button" onClick={loadDemo} disabled={loadingDemo}>
          {loadingDemo ? t('auth.loadingDemo') : t('auth.loadDemo')}
        </button>
      </TitledForm>
    </main>
  );
}
