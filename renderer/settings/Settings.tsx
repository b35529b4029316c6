import { useState } from 'react';
import { facilitySchema } from '../../core/schemas/auth';
import { CapacitySettings } from '../beds/CapacitySettings';
import { DispatchSettings } from '../beds/DispatchSettings';
import { UnitsSettings } from '../beds/UnitsSettings';
import { useApiForm } from '../api/useApiForm';
import { KioskSettingsSection, TurnaroundSettingsSection } from '../handoff/settings';
import { ImportEncounters } from '../dashboard/ImportEncounters';
import { Field, FormError } from '../components/Field';
import { useSession } from '../session';
import { SecuritySettings } from './SecuritySettings';

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
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="facility-title">
      <h2 id="facility-title">Facility</h2>
      <FormError message={formError} />
      <fieldset disabled={readOnly}>
        <Field label="Facility name" error={errors.name} {...form.register('name')} />
        <Field label="Time zone" error={errors.timeZone} {...form.register('timeZone')} />
        <Field label="Address" error={errors.address} {...form.register('address')} />
        <Field
          label="Phone for dispatch"
          type="tel"
          error={errors.phone}
          {...form.register('phone')}
        />
      </fieldset>
      <p className="muted">Facility id published to dispatch: {facility.id}</p>
      {readOnly ? (
        <p className="muted">Only an administrator can change these.</p>
      ) : (
        <button type="submit" className="primary" disabled={isSubmitting}>
          Save facility
        </button>
      )}
      {saved ? (
        <p role="status" className="notice">
          Saved.
        </p>
      ) : null}
    </form>
  );
}

export function SettingsScreen() {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <FacilitySettings />
      <TurnaroundSettingsSection />
      <KioskSettingsSection />
      <UnitsSettings />
      <CapacitySettings />
      <DispatchSettings />
      <ImportEncounters />
      <SecuritySettings />
    </section>
  );
}
