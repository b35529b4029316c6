import { useState } from 'react';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { downloadText } from '../dashboard/csv-download';
import { useI18n } from '../i18n';

/** Managers: the follow-ups CSV of a range, one row per attempt made in it. */
export function FollowUpExport() {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
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
    <form
      className="inline-form card"
      aria-labelledby="fx-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <h2 id="fx-title">{t('followUps.export.title')}</h2>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <Field
        id="fx-from"
        label={t('followUps.export.from')}
        type="date"
        value={from}
        error={errors.from}
        onChange={(e) => setFrom(e.target.value)}
      />
      <Field
        id="fx-to"
        label={t('followUps.export.to')}
        type="date"
        value={to}
        error={errors.to}
        onChange={(e) => setTo(e.target.value)}
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
