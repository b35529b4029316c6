import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { downloadText } from './csv-download';

type Page = { csv: string; rows: number; next: { arrivedAt: number; reference: string } | null };

/** Fetches every page of an export (neither transport carries one huge message). */
async function fetchAll(
  first: (after: Page['next']) => ReturnType<typeof api.call<'encounters.exportPage'>>,
  onRows: (rows: number) => void,
): Promise<{ parts: string[]; rows: number } | { error: string }> {
  const parts: string[] = [];
  let after: Page['next'] = null;
  let rows = 0;
  for (;;) {
    const r = await first(after);
    if (!r.ok) return { error: r.error.message };
    parts.push(r.value.csv);
    rows += r.value.rows;
    onRows(rows);
    if (!r.value.next) return { parts, rows };
    after = r.value.next;
  }
}

/**
 * The exports, least privilege first: the de-identified CSV (no names, age instead of birth
 * date, no free text, no officer) for county and funder reports; the full Encounter CSV v1 (the
 * same file as `handoff export`) only after saying why, which the audit log keeps.
 */
export function ExportButton() {
  const [state, setState] = useState<{ busy: boolean; rows: number; error: string | null }>({
    busy: false,
    rows: 0,
    error: null,
  });
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const { t } = useI18n();
  const run = async (kind: 'deidentified' | 'full') => {
    setState({ busy: true, rows: 0, error: null });
    const result = await fetchAll(
      (after) =>
        kind === 'full'
          ? api.call('encounters.exportPage', { after, ...(after ? {} : { reason }) })
          : api.call('encounters.exportDeidentifiedPage', { after }),
      (rows) => setState({ busy: true, rows, error: null }),
    );
    if ('error' in result) {
      setState({ busy: false, rows: 0, error: result.error });
      return;
    }
    downloadText(
      result.parts,
      kind === 'full' ? 'handoff-encounters.csv' : 'handoff-encounters-deidentified.csv',
    );
    setState({ busy: false, rows: result.rows, error: null });
    if (kind === 'full') {
      setAsking(false);
      setReason('');
    }
  };
  const submitFull = (e: FormEvent) => {
    e.preventDefault();
    void run('full');
  };
  return (
    <span className="export-button">
      <button type="button" onClick={() => void run('deidentified')} disabled={state.busy}>
        {state.busy ? t('figures.exporting', { count: state.rows }) : t('protection.exportDeid')}
      </button>
      <button type="button" onClick={() => setAsking(true)} disabled={state.busy || asking}>
        {t('protection.exportFull')}
      </button>
      {asking ? (
        <form
          className="card export-reason"
          onSubmit={submitFull}
          aria-label={t('protection.reasonTitle')}
        >
          <label>
            {t('protection.reasonLabel')}
            <textarea
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              required
            />
          </label>
          <p className="muted">{t('protection.reasonHint')}</p>
          <button type="submit" className="primary" disabled={state.busy}>
            {t('protection.exportFullConfirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('protection.cancel')}
          </button>
        </form>
      ) : null}
      {state.error ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
