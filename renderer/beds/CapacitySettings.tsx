import { useState } from 'react';
import type { CapacitySettingsView } from '../../core/beds/types';
import { capacitySettingsSchema } from '../../core/schemas/beds';
import { UNIT_KINDS } from '../../core/vocab';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SavedNotice } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { useI18n, vocabLabel } from '../i18n';
import { useApiQuery } from '../useApiQuery';

const ACCEPTS: (keyof CapacitySettingsView['accepts'])[] = [
  'adults',
  'youth',
  'involuntaryHolds',
  'intoxicated',
  'medicalClearanceRequired',
];

function CapacityForm({ settings }: { settings: CapacitySettingsView }) {
  const [saved, setSaved] = useState(false);
  const { form, field, ...submit } = useApiForm('capacity.updateSettings', capacitySettingsSchema, {
    defaultValues: {
      limitedThreshold: settings.limitedThreshold,
      acceptWhenFull: settings.acceptWhenFull,
      stayThresholds: Object.fromEntries(
        UNIT_KINDS.map((k) => [
          k,
          {
            warnMinutes: settings.stayThresholds[k]?.warnMinutes ?? '',
            alertMinutes: settings.stayThresholds[k]?.alertMinutes ?? '',
          },
        ]),
      ) as never,
      accepts: settings.accepts,
      confirmWindowHours: settings.confirmWindowHours,
    },
    onSuccess: () => setSaved(true),
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <TitledForm
      titleId="capacity-settings-title"
      title={t('capacitySettings.title')}
      submit={submit}
    >
      <Field
        label={t('capacitySettings.limitedAt')}
        type="number"
        min={0}
        {...field('limitedThreshold')}
      />
      <Field
        label={t('censusConfirm.windowLabel')}
        type="number"
        min={0}
        hint={t('censusConfirm.windowHint')}
        {...field('confirmWindowHours')}
      />
      <div className="check">
        <input id="accept-when-full" type="checkbox" {...form.register('acceptWhenFull')} />
        <label htmlFor="accept-when-full">{t('capacitySettings.acceptWhenFull')}</label>
      </div>
      <fieldset>
        <legend>{t('capacitySettings.whoDispatch')}</legend>
        {ACCEPTS.map((a) => (
          <div className="check" key={a}>
            <input id={`accepts-${a}`} type="checkbox" {...form.register(`accepts.${a}`)} />
            <label htmlFor={`accepts-${a}`}>{t(`capacitySettings.accepts.${a}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('capacitySettings.stayWarnings')}</legend>
        <div className="grid-2">
          {UNIT_KINDS.map((k) => (
            <div key={k} className="stay-pair">
              <Field
                label={t('capacitySettings.warnAfter', { kind: vocabLabel('unitKind', k) })}
                type="number"
                min={1}
                {...field(`stayThresholds.${k}.warnMinutes`)}
              />
              <Field
                label={t('capacitySettings.alertAfter', { kind: vocabLabel('unitKind', k) })}
                type="number"
                min={1}
                {...field(`stayThresholds.${k}.alertMinutes`)}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('capacitySettings.save')}
      </button>
      <SavedNotice show={saved} />
    </TitledForm>
  );
}

export function CapacitySettings() {
  const settings = useApiQuery('capacity.getSettings', {}, []);
  if (!settings.data) return <FormError message={settings.error} />;
  return <CapacityForm settings={settings.data} />;
}
