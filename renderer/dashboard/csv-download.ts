import { csvLine } from '../../core/csv/encounter-csv';

/** Saves text as a file through a temporary link (works in the browser and in Electron). */
export function downloadText(parts: BlobPart[], fileName: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob(parts, { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A table as RFC 4180 CSV, the same quoting as the encounter export. */
export function tableCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return (
    csvLine(header) +
    rows
      .map((r) => csvLine(r.map((v) => (v === null || v === undefined ? '' : String(v)))))
      .join('')
  );
}
