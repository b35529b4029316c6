import { useState } from 'react';
import { encounterExpectSchema } from '../../core/schemas/encounters';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../core/vocab';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { useApiQuery } from '../useApiQuery';
import { useServerNow } from './time';

/**
 * A pre-arrival call ("we're 15 minutes out"): records an expected arrival and can hold a bed
 * of a kind; it lapses 30 minutes after the ETA unless the person arrives.
 */
export function ExpectedArrivalForm() {
  const active = useApiQuery('encounters.active', {}, ['encounters']);
  const now = useServerNow(active.data?.now, 30_000);
  const [minutes, setMinutes] = useState('15');
  const [saved, setSaved] = useState<string | null>(null);
  const { form, onSubmit, formError } = useApiForm('encounters.expect', encounterExpectSchema, {
    defaultValues: { referralSource: 'law_enforcement', agency: '', officerName: '', eta: 0 },
    onSuccess: (e) => {
      setSaved(e.reference);
      form.reset();
    },
  });
  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    const m = Number(minutes);
    form.setValue('eta', now + (Number.isFinite(m) && m >= 0 ? m : 0) * 60_000);
    void onSubmit();
  };
  const { errors } = form.formState;
  return (
    <details className="card">
      <summary>Pre-arrival call (officer phoning ahead)</summary>
      <form onSubmit={submit} noValidate aria-label="Pre-arrival call" className="inline-form">
        <FormError message={formError} />
        <Field
          label="Calling agency"
          list="agency-suggestions"
          error={errors.agency}
          {...form.register('agency')}
        />
        <Field
          label="Calling officer"
          error={errors.officerName}
          {...form.register('officerName')}
        />
        <Field
          label="Arriving in (minutes)"
          type="number"
          min={0}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={errors.eta}
        />
        <SelectField
          label="Hold a bed"
          options={[
            { value: '', label: 'No' },
            ...UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k as UnitKind] })),
          ]}
          error={errors.unitKind as never}
          {...form.register('unitKind', { setValueAs: (v: string) => (v ? v : null) })}
        />
        <button type="submit">Record expected arrival</button>
        {saved ? (
          <p role="status" className="notice">
            Expected arrival {saved} recorded.
          </p>
        ) : null}
      </form>
    </details>
  );
}
