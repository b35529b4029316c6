import { useState } from 'react';
import type { ImportReport } from '../../core/contract/interchange';
import { api } from '../api/client';
import { Field, FormError } from '../components/Field';
import { translateMessage, useI18n } from '../i18n';
import { TableHead } from '../components/TableHead';

/** Bytes per upload piece: 768 KB is ~1 MB as base64, well under every transport's limit. */
const PIECE = 768 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

type Phase =
  | { at: 'idle' }
  | { at: 'uploading'; sent: number; size: number }
  | { at: 'checking' }
  | { at: 'checked'; uploadId: string; report: ImportReport }
  | { at: 'importing' }
  | { at: 'done'; report: ImportReport };

/**
 * Settings section: import historical drop-offs from an encounter CSV v1 file. The file is
 * uploaded in pieces (progress shown), checked with a dry run that lists every bad row, and only
 * then imported, in one transaction: all rows, or with "valid rows only" the good ones.
 */
export function ImportEncounters() {
  const [file, setFile] = useState<File | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();

  const check = async () => {
    if (!file) {
      setError(t('importer.chooseFirst'));
      return;
    }
    setError(null);
    const begin = await api.call('encounters.importBegin', { name: file.name, size: file.size });
    if (!begin.ok) return fail(begin.error.message);
    const { uploadId } = begin.value;
    for (let o = 0; o < file.size; o += PIECE) {
      setPhase({ at: 'uploading', sent: o, size: file.size });
      const bytes = new Uint8Array(await file.slice(o, o + PIECE).arrayBuffer());
      const r = await api.call('encounters.importAppend', { uploadId, data: toBase64(bytes) });
      if (!r.ok) return fail(r.error.message);
    }
    setPhase({ at: 'checking' });
    const r = await api.call('encounters.importRun', { uploadId, mode: 'dry_run' });
    if (!r.ok) return fail(r.error.message);
    setPhase({ at: 'checked', uploadId, report: r.value });
  };

  const commit = async (uploadId: string) => {
    setPhase({ at: 'importing' });
    const r = await api.call('encounters.importRun', {
      uploadId,
      mode: validOnly ? 'valid_only' : 'all_or_nothing',
    });
    if (!r.ok) return fail(r.error.message);
    setPhase({ at: 'done', report: r.value });
  };

  const fail = (message: string) => {
    setError(message);
    setPhase({ at: 'idle' });
  };

  const busy = phase.at === 'uploading' || phase.at === 'checking' || phase.at === 'importing';
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('importer.title')}</h2>
      <p className="muted">{t('importer.intro')}</p>
      <FormError message={error} />
      <Field
        id="import-file"
        label={t('importer.file')}
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setPhase({ at: 'idle' });
          setError(null);
        }}
      />
      <button type="button" onClick={() => void check()} disabled={busy || !file}>
        {t('importer.check')}
      </button>
      {phase.at === 'uploading' ? (
        <div className="field">
          <label htmlFor="import-progress">{t('importer.sending')}</label>
          <progress id="import-progress" max={phase.size} value={phase.sent} />
        </div>
      ) : null}
      {phase.at === 'checking' ? <p role="status">{t('importer.checking')}</p> : null}
      {phase.at === 'importing' ? <p role="status">{t('importer.importing')}</p> : null}
      {phase.at === 'checked' ? (
        <CheckReport
          report={phase.report}
          validOnly={validOnly}
          onValidOnly={setValidOnly}
          onImport={() => void commit(phase.uploadId)}
        />
      ) : null}
      {phase.at === 'done' ? (
        <p role="status" className={phase.report.imported ? 'notice' : 'field-error'}>
          {phase.report.imported
            ? t('importer.imported', { count: phase.report.imported })
            : t('importer.nothingImported')}
        </p>
      ) : null}
    </section>
  );
}

function CheckReport({
  report,
  validOnly,
  onValidOnly,
  onImport,
}: {
  report: ImportReport;
  validOnly: boolean;
  onValidOnly(v: boolean): void;
  onImport(): void;
}) {
  const bad = report.invalidRows > 0;
  const canImport = report.validRows > 0 && (!bad || validOnly);
  const { t } = useI18n();
  return (
    <div className="import-report" role="region" aria-label={t('importer.resultLabel')}>
      <p role="status">
        {t('importer.summary', {
          count: report.rows,
          valid: report.validRows,
          invalid: report.invalidRows,
        })}
      </p>
      {bad ? (
        <>
          <table className="table">
            <caption>{t('importer.badRows')}</caption>
            <TableHead
              columns={[t('importer.colLine'), t('importer.colColumn'), t('importer.colProblem')]}
            />
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{translateMessage(e.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.errorCount > report.errors.length ? (
            <p className="muted">
              {t('importer.more', { count: report.errorCount - report.errors.length })}
            </p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={validOnly}
              onChange={(e) => onValidOnly(e.target.checked)}
            />{' '}
            {t('importer.validOnly', { count: report.invalidRows })}
          </label>
        </>
      ) : null}
      <button type="button" className="primary" onClick={onImport} disabled={!canImport}>
        {t('importer.import', { count: validOnly && bad ? report.validRows : report.rows })}
      </button>
    </div>
  );
}
