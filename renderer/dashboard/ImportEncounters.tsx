import { useState } from 'react';
import type { ImportReport } from '../../core/contract/interchange';
import { api } from '../api/client';
import { FormError } from '../components/Field';

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

  const check = async () => {
    if (!file) {
      setError('Choose a CSV file first.');
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
      <h2 id="import-title">Import historical drop-offs</h2>
      <p className="muted">
        An encounter CSV v1 file (the format of “Export encounters”; columns in the README). Rows
        are checked first; nothing is written until you import.
      </p>
      <FormError message={error} />
      <div className="field">
        <label htmlFor="import-file">Encounter CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ at: 'idle' });
            setError(null);
          }}
        />
      </div>
      <button type="button" onClick={() => void check()} disabled={busy || !file}>
        Check file (dry run)
      </button>
      {phase.at === 'uploading' ? (
        <div className="field">
          <label htmlFor="import-progress">Sending the file</label>
          <progress id="import-progress" max={phase.size} value={phase.sent} />
        </div>
      ) : null}
      {phase.at === 'checking' ? <p role="status">Checking every row…</p> : null}
      {phase.at === 'importing' ? <p role="status">Importing…</p> : null}
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
            ? `Imported ${phase.report.imported} encounters.`
            : 'Nothing was imported: the file has rows that cannot be imported.'}
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
  return (
    <div className="import-report" role="region" aria-label="Check result">
      <p role="status">
        {report.rows} rows checked: {report.validRows} can be imported, {report.invalidRows} cannot.
      </p>
      {bad ? (
        <>
          <table className="table">
            <caption>Rows that cannot be imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.errorCount > report.errors.length ? (
            <p className="muted">… and {report.errorCount - report.errors.length} more problems.</p>
          ) : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={validOnly}
              onChange={(e) => onValidOnly(e.target.checked)}
            />{' '}
            Import valid rows only (skip the {report.invalidRows} rows above)
          </label>
        </>
      ) : null}
      <button type="button" className="primary" onClick={onImport} disabled={!canImport}>
        Import {validOnly && bad ? report.validRows : report.rows} encounters
      </button>
    </div>
  );
}
