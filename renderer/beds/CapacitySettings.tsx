import { useState } from 'react';
import type { CapacitySettingsView } from '../../core/beds/types';
import { capacitySettingsSchema } from '../../core/schemas/beds';
import { UNIT_KIND_LABELS, UNIT_KINDS } from '../../core/vocab';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError } from '../components/Field';
import { useApiQuery } from '../useApiQuery';

const ACCEPTS: { key: keyof CapacitySettingsView['accepts']; label: string }[] = [
  { key: 'adults', label: 'Adults' },
  { key: 'youth', label: 'Youth' },
  { key: 'involuntaryHolds', label: 'Involuntary holds' },
  { key: 'intoxicated', label: 'Intoxicated people' },
  { key: 'medicalClearanceRequired', label: 'Medical clearance required before arrival' },
];

function CapacityForm({ settings }: { settings: CapacitySettingsView }) {
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError } = useApiForm(
    'capacity.updateSettings',
    capacitySettingsSchema,
    {
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
      },
      onSuccess: () => setSaved(true),
    },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="capacity-settings-title">
      <h2 id="capacity-settings-title">Capacity rules</h2>
      <FormError message={formError} />
      <Field
        label="Limited at or below (available places)"
        type="number"
        min={0}
        error={errors.limitedThreshold as never}
        {...form.register('limitedThreshold')}
      />
      <div className="check">
        <input id="accept-when-full" type="checkbox" {...form.register('acceptWhenFull')} />
        <label htmlFor="accept-when-full">
          Accept police drop-offs when full (no-refusal policy)
        </label>
      </div>
      <fieldset>
        <legend>Who dispatch may bring</legend>
        {ACCEPTS.map((a) => (
          <div className="check" key={a.key}>
            <input id={`accepts-${a.key}`} type="checkbox" {...form.register(`accepts.${a.key}`)} />
            <label htmlFor={`accepts-${a.key}`}>{a.label}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Length-of-stay warnings (minutes; empty = none)</legend>
        <div className="grid-2">
          {UNIT_KINDS.map((k) => (
            <div key={k} className="stay-pair">
              <Field
                label={`${UNIT_KIND_LABELS[k]}: warn after`}
                type="number"
                min={1}
                error={errors.stayThresholds?.[k]?.warnMinutes as never}
                {...form.register(`stayThresholds.${k}.warnMinutes`)}
              />
              <Field
                label={`${UNIT_KIND_LABELS[k]}: alert after`}
                type="number"
                min={1}
                error={errors.stayThresholds?.[k]?.alertMinutes as never}
                {...form.register(`stayThresholds.${k}.alertMinutes`)}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={isSubmitting}>
        Save capacity rules
      </button>
      {saved ? (
        <p role="status" className="notice">
          Saved.
        </p>
      ) : null}
    </form>
  );
}

export function CapacitySettings() {
  const settings = useApiQuery('capacity.getSettings', {}, []);
  if (!settings.data) return <FormError message={settings.error} />;
  return <CapacityForm settings={settings.data} />;
}
