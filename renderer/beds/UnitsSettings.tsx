import { useState } from 'react';
import type { BoardUnit } from '../../core/beds/types';
import {
  bulkCreateBedsSchema,
  createUnitSchema,
  renameBedSchema,
  updateUnitSchema,
} from '../../core/schemas/beds';
import { UNIT_KINDS } from '../../core/vocab';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { LabelledForm, TitledForm } from '../components/Forms';
import { useI18n, vocabLabel, vocabOptions } from '../i18n';
import { useApiQuery } from '../useApiQuery';

function NewUnit() {
  const { form, field, ...submit } = useApiForm('units.create', createUnitSchema, {
    defaultValues: { name: '', kind: 'chair', staffedLimit: '' as never },
    onSuccess: () => form.reset(),
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <TitledForm
      titleId="new-unit-title"
      title={t('units.addTitle')}
      level={3}
      className="subcard"
      submit={submit}
    >
      <div className="grid-2">
        <Field label={t('units.unitName')} {...field('name')} />
        <SelectField
          label={t('units.kind')}
          options={vocabOptions('unitKind', UNIT_KINDS)}
          {...field('kind')}
        />
        <Field
          label={t('units.staffedLimit')}
          type="number"
          min={0}
          hint={t('units.staffedLimitHint')}
          {...field('staffedLimit')}
        />
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('units.addUnit')}
      </button>
    </TitledForm>
  );
}

function AddBeds({ unit }: { unit: BoardUnit }) {
  const prefix = unit.beds[0]?.label.replace(/\d+$/, '') ?? unit.name.slice(0, 1).toUpperCase();
  const next = unit.beds.length + 1;
  const { form, field, ...submit } = useApiForm('beds.bulkCreate', bulkCreateBedsSchema, {
    defaultValues: { unitId: unit.id, prefix, from: next, to: next },
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <LabelledForm
      className="inline-form"
      label={t('units.addBedsTo', { unit: unit.name })}
      submit={submit}
    >
      <Field label={t('units.prefixFor', { unit: unit.name })} {...field('prefix')} />
      <Field label={t('units.firstNumber')} type="number" {...field('from')} />
      <Field label={t('units.lastNumber')} type="number" {...field('to')} />
      <button type="submit" disabled={isSubmitting}>
        {t('units.addBedsTo', { unit: unit.name })}
      </button>
    </LabelledForm>
  );
}

function EditUnit({ unit }: { unit: BoardUnit }) {
  const [saved, setSaved] = useState(false);
  const { form, field, ...submit } = useApiForm('units.update', updateUnitSchema, {
    defaultValues: {
      id: unit.id,
      name: unit.name,
      staffedLimit: (unit.staffedLimit ?? '') as never,
    },
    onSuccess: () => setSaved(true),
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <LabelledForm
      className="inline-form"
      label={t('units.edit', { unit: unit.name })}
      submit={submit}
    >
      <Field label={t('units.nameOf', { unit: unit.name })} {...field('name')} />
      <Field
        label={t('units.staffedLimitOf', { unit: unit.name })}
        type="number"
        min={0}
        {...field('staffedLimit')}
      />
      <button type="submit" disabled={isSubmitting}>
        {t('units.save', { unit: unit.name })}
      </button>
      {saved ? <span role="status">{t('common.saved')}</span> : null}
    </LabelledForm>
  );
}

function RenameBed({ unit }: { unit: BoardUnit }) {
  const { form, field, ...submit } = useApiForm('beds.rename', renameBedSchema, {
    defaultValues: { id: unit.beds[0]?.id, label: '' },
    onSuccess: () => form.reset({ id: form.getValues('id'), label: '' }),
  });
  const { t } = useI18n();
  if (unit.beds.length === 0) return null;
  return (
    <LabelledForm
      className="inline-form"
      label={t('units.renameIn', { unit: unit.name })}
      submit={submit}
    >
      <SelectField
        label={t('units.bedToRename', { unit: unit.name })}
        options={unit.beds.map((b) => ({ value: String(b.id), label: b.label }))}
        {...form.register('id', { valueAsNumber: true })}
      />
      <Field label={t('units.newLabel')} {...field('label')} />
      <button type="submit">{t('units.renameBed')}</button>
    </LabelledForm>
  );
}

function UnitCard({ unit }: { unit: BoardUnit }) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
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
          {t('units.heading', { kind: vocabLabel('unitKind', unit.kind), count: unit.total })}
        </span>
      </h3>
      <FormError message={error} />
      <EditUnit unit={unit} />
      <AddBeds unit={unit} />
      <RenameBed unit={unit} />
      <details>
        <summary>{t('units.retireBedsOf', { unit: unit.name })}</summary>
        <p className="bed-chips">
          {unit.beds.map((b) => (
            <button
              key={b.id}
              type="button"
              className="chip"
              onClick={() => void retire('beds.retire', b.id)}
            >
              {t('units.retireBed', { label: b.label })}
            </button>
          ))}
        </p>
      </details>
      <button type="button" className="danger" onClick={() => void retire('units.retire', unit.id)}>
        {t('units.retireUnit', { unit: unit.name })}
      </button>
    </li>
  );
}

/** Settings: units (one kind each, optional staffed limit) and their beds. */
export function UnitsSettings() {
  const board = useApiQuery('beds.board', {}, ['units', 'beds']);
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">{t('units.title')}</h2>
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
