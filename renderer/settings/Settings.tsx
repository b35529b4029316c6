import { useState, type ComponentType } from 'react';
import { facilitySchema } from '../../core/schemas/auth';
import { CapacitySettings } from '../beds/CapacitySettings';
import { DispatchSettings } from '../beds/DispatchSettings';
import { RegionSettings } from '../region/RegionSettings';
import { UnitsSettings } from '../beds/UnitsSettings';
import { useApiForm } from '../api/useApiForm';
import { KioskSettingsSection, TurnaroundSettingsSection } from '../handoff/settings';
import { ImportEncounters } from '../dashboard/ImportEncounters';
import { Field, SavedNotice } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { useI18n } from '../i18n';
import { useMayCall, useSession } from '../session';
import { SecuritySettings } from './SecuritySettings';
import { FollowUpPolicySettings } from '../follow-ups/PolicySettings';
import { ProtectionSettings } from '../protection/ProtectionSettings';
import { useRouteSegments } from '../handoff/route';

/** Settings sections; capabilities (units and beds, dispatch sharing, import) add theirs here. */
function FacilitySettings() {
  const { facility, refresh } = useSession();
  const [saved, setSaved] = useState(false);
  const { form, field, ...submit } = useApiForm('facility.update', facilitySchema, {
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
  const { isSubmitting } = form.formState;
  const readOnly = !useMayCall('facility.update');
  const { t } = useI18n();
  return (
    <TitledForm titleId="facility-title" title={t('settings.facilityTitle')} submit={submit}>
      <fieldset disabled={readOnly}>
        <Field label={t('settings.facilityName')} {...field('name')} />
        <Field label={t('settings.timeZone')} {...field('timeZone')} />
        <Field label={t('settings.address')} {...field('address')} />
        <Field label={t('settings.phone')} type="tel" {...field('phone')} />
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
    </TitledForm>
  );
}

/**
 * The sections, in the order a new center sets itself up. One shows at a time; its id is the
 * hash's second segment (`#/settings/dispatch`), so links and reloads keep it.
 */
const SECTIONS: readonly { id: SettingsSectionId; component: ComponentType }[] = [
  { id: 'facility', component: FacilitySettings },
  { id: 'turnaround', component: TurnaroundSettingsSection },
  { id: 'kiosks', component: KioskSettingsSection },
  { id: 'units', component: UnitsSettings },
  { id: 'capacity', component: CapacitySettings },
  { id: 'dispatch', component: DispatchSettings },
  { id: 'region', component: RegionSettings },
  { id: 'import', component: ImportEncounters },
  { id: 'followUp', component: FollowUpPolicySettings },
  { id: 'security', component: SecuritySettings },
  { id: 'protection', component: ProtectionSettings },
];
type SettingsSectionId =
  | 'facility'
  | 'turnaround'
  | 'kiosks'
  | 'units'
  | 'capacity'
  | 'dispatch'
  | 'region'
  | 'import'
  | 'followUp'
  | 'security'
  | 'protection';

export function SettingsScreen() {
  const { t } = useI18n();
  const segments = useRouteSegments();
  // `#/settings` (or an unknown section) opens the first one.
  const current = SECTIONS.find((s) => s.id === segments[1]) ?? SECTIONS[0]!;
  const Section = current.component;
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.sectionsNav')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a
                  href={`#/settings/${s.id}`}
                  aria-current={s.id === current.id ? 'page' : undefined}
                >
                  {t(`settings.sections.${s.id}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-section">
          <Section key={current.id} />
        </div>
      </div>
    </section>
  );
}
