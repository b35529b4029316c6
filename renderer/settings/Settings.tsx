import { useState } from 'react';
import { facilitySchema } from '../../core/schemas/auth';
import { CapacitySettings } from '../beds/CapacitySettings';
import { DispatchSettings } from '../beds/DispatchSettings';
import { RegionSettings } from '../region/RegionSettings';
import { UnitsSettings } from '../beds/UnitsSettings';
import { useApiForm } from '../api/useApiForm';
import { KioskSettingsSection, TurnaroundSettingsSection } from '../handoff/settings';
import { ImportEncounters } from '../dashboard/ImportEncounters';
import { Field, FormError, SavedNotice } from '../components/Field';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { SecuritySettings } from './SecuritySettings';
import { FollowUpPolicySettings } from '../follow-ups/PolicySettings';
import { ProtectionSettings } from '../protection/ProtectionSettings';

/** Settings sections; capabilities (units and beds, dispatch sharing, import) add theirs here. */
function FacilitySettings() {
  const { facility, user, refresh } = useSession();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError } = useApiForm('facility.update', facilitySchema, {
    defaultValues: {
      name: facility.name,
      timeZone: facility.timeZone,
      address: facility.address ?? '',
      phone: facility.phone ?? '',
    },
    onSuccess: () => {
      setSaved(true);
      refresh();
    },
  });
  const { errors, isSubmitting } = form.formState;
  const readOnly = user.role !== 'admin';
  const { t } = useI18n();
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="facility-title">
      <h2 id="facility-title">{t('settings.facilityTitle')}</h2>
      <FormError message={formError} />
      <fieldset disabled={readOnly}>
        <Field label={t('settings.facilityName')} error={errors.name} {...form.register('name')} />
        <Field
          label={t('settings.timeZone')}
          error={errors.timeZone}
          {...form.register('timeZone')}
        />
        <Field label={t('settings.address')} error={errors.address} {...form.register('address')} />
        <Field
          label={t('settings.phone')}
          type="tel"
          error={errors.phone}
          {...form.register('phone')}
        />
      </fieldset>
      <p className="muted">{t('settings.facilityId', { id: facility.id })}</p>
      {readOnly ? (
        <p className="muted">{t('settings.adminOnly')}</p>
      ) : (
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('settings.saveFacility')}
        </button>
      )}
      <SavedNotice show={saved} />
    </form>
  );
}

export function SettingsScreen() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <FacilitySettings />
      <TurnaroundSettingsSection />
      <KioskSettingsSection />
      <UnitsSettings />
      <CapacitySettings />
      <DispatchSettings />
      <RegionSettings />
      <ImportEncounters />
      <FollowUpPolicySettings />
      <SecuritySettings />
      <ProtectionSettings />
    </section>
  );
}
