import { useState } from 'react';
import type { BoardUnit } from '../../core/beds/types';
import {
  bulkCreateBedsSchema,
  createUnitSchema,
  renameBedSchema,
  updateUnitSchema,
} from '../../core/schemas/beds';
import { UNIT_KIND_LABELS, UNIT_KINDS } from '../../core/vocab';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { useApiQuery } from '../useApiQuery';

const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

function NewUnit() {
  const { form, onSubmit, formError } = useApiForm('units.create', createUnitSchema, {
    defaultValues: { name: '', kind: 'chair', staffedLimit: '' as never },
    onSuccess: () => form.reset(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="new-unit-title" className="subcard">
      <h3 id="new-unit-title">Add a unit</h3>
      <FormError message={formError} />
      <div className="grid-2">
        <Field label="Unit name" error={errors.name} {...form.register('name')} />
        <SelectField
          label="Kind"
          options={kindOptions}
          error={errors.kind}
          {...form.register('kind')}
        />
        <Field
          label="Staffed limit"
          type="number"
          min={0}
          hint="Most people staff can care for at once; empty = every bed."
          error={errors.staffedLimit as never}
          {...form.register('staffedLimit')}
        />
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        Add unit
      </button>
    </form>
  );
}

function AddBeds({ unit }: { unit: BoardUnit }) {
  const prefix = unit.beds[0]?.label.replace(/\d+$/, '') ?? unit.name.slice(0, 1).toUpperCase();
  const next = unit.beds.length + 1;
  const { form, onSubmit, formError } = useApiForm('beds.bulkCreate', bulkCreateBedsSchema, {
    defaultValues: { unitId: unit.id, prefix, from: next, to: next },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="inline-form"
      aria-label={`Add beds to ${unit.name}`}
    >
      <FormError message={formError} />
      <Field
        label={`Label prefix for ${unit.name}`}
        error={errors.prefix}
        {...form.register('prefix')}
      />
      <Field
        label="First number"
        type="number"
        error={errors.from as never}
        {...form.register('from')}
      />
      <Field
        label="Last number"
        type="number"
        error={errors.to as never}
        {...form.register('to')}
      />
      <button type="submit" disabled={isSubmitting}>
        Add beds to {unit.name}
      </button>
    </form>
  );
}

function EditUnit({ unit }: { unit: BoardUnit }) {
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError } = useApiForm('units.update', updateUnitSchema, {
    defaultValues: {
      id: unit.id,
      name: unit.name,
      staffedLimit: (unit.staffedLimit ?? '') as never,
    },
    onSuccess: () => setSaved(true),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="inline-form" aria-label={`Edit ${unit.name}`}>
      <FormError message={formError} />
      <Field label={`Name of ${unit.name}`} error={errors.name} {...form.register('name')} />
      <Field
        label={`Staffed limit of ${unit.name}`}
        type="number"
        min={0}
        error={errors.staffedLimit as never}
        {...form.register('staffedLimit')}
      />
      <button type="submit" disabled={isSubmitting}>
        Save {unit.name}
      </button>
      {saved ? <span role="status">Saved.</span> : null}
    </form>
  );
}

function RenameBed({ unit }: { unit: BoardUnit }) {
  const { form, onSubmit, formError } = useApiForm('beds.rename', renameBedSchema, {
    defaultValues: { id: unit.beds[0]?.id, label: '' },
    onSuccess: () => form.reset({ id: form.getValues('id'), label: '' }),
  });
  if (unit.beds.length === 0) return null;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="inline-form"
      aria-label={`Rename a bed in ${unit.name}`}
    >
      <FormError message={formError} />
      <SelectField
        label={`Bed to rename in ${unit.name}`}
        options={unit.beds.map((b) => ({ value: String(b.id), label: b.label }))}
        {...form.register('id', { valueAsNumber: true })}
      />
      <Field label="New label" error={form.formState.errors.label} {...form.register('label')} />
      <button type="submit">Rename bed</button>
    </form>
  );
}

function UnitCard({ unit }: { unit: BoardUnit }) {
  const [error, setError] = useState<string | null>(null);
  const retire = async (method: 'units.retire' | 'beds.retire', id: number) => {
    setError(null);
    const r = await api.call(method, { id });
    if (!r.ok) setError(r.error.message);
  };
  return (
    <li className="subcard unit-config">
      <h3>
        {unit.name}{' '}
        <span className="muted">
          ({UNIT_KIND_LABELS[unit.kind]}, {unit.total} beds)
        </span>
      </h3>
      <FormError message={error} />
      <EditUnit unit={unit} />
      <AddBeds unit={unit} />
      <RenameBed unit={unit} />
      <details>
        <summary>Retire beds of {unit.name}</summary>
        <p className="bed-chips">
          {unit.beds.map((b) => (
            <button
              key={b.id}
              type="button"
              className="chip"
              onClick={() => void retire('beds.retire', b.id)}
            >
              Retire bed {b.label}
            </button>
          ))}
        </p>
      </details>
      <button type="button" className="danger" onClick={() => void retire('units.retire', unit.id)}>
        Retire unit {unit.name}
      </button>
    </li>
  );
}

/** Settings: units (one kind each, optional staffed limit) and their beds. */
export function UnitsSettings() {
  const board = useApiQuery('beds.board', {}, ['units', 'beds']);
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">Units and beds</h2>
      <FormError message={board.error} />
      <ul className="unit-config-list">
        {(board.data?.units ?? []).map((u) => (
          <UnitCard key={`${u.id}-${u.name}-${u.staffedLimit}-${u.total}`} unit={u} />
        ))}
      </ul>
      <NewUnit />
    </section>
  );
}
