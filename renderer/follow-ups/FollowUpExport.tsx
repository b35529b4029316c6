import { useState } from 'react';
import { api } from '../api/client';
import { DateRangeFields } from '../components/DateRangeFields';
import { downloadText } from '../dashboard/csv-download';
import { useI18n } from '../i18n';
import { submitWith } from '../components/Forms';

/** Managers: the follow-ups CSV of a range, one row per attempt made in it. */
export function FollowUpExport() {
  const { t } = useI18n();
  const [range, setRange] = useState({ from: '', to: '' });
  const { from, to } = range;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<number | null>(null);
  const run = async () => {
    const r = await api.call('followUps.export', { from, to });
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      setError(r.error.fields ? null : r.error.message);
      return;
    }
    setErrors({});
    setError(null);
    setRows(r.value.rows);
    downloadText([r.value.csv], `follow-ups-${from}-${to}.csv`);
  };
  return (
    <form className="inline-form card" aria-labelledby="fx-title" onSubmit={submitWith(run)}>
      <h2 id="fx-title">{t('followUps.export.title')}</h2>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <DateRangeFields
        idPrefix="fx"
        labels={{ from: t('followUps.export.from'), to: t('followUps.export.to') }}
        value={range}
        onChange={setRange}
        errors={errors}
      />
      <button type="submit">{t('followUps.export.button')}</button>
      {rows !== null ? (
        <p role="status" className="muted">
          {t('followUps.export.done', { count: rows })}
        </p>
      ) : null}
    </form>
  );
}
