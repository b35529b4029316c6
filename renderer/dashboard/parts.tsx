import type { ReactNode, SyntheticEvent } from 'react';
import type { FigureId } from '../../core/reports/figures';
import { i18n, useI18n } from '../i18n';
import { downloadText, tableCsv } from './csv-download';
import { TableHead } from '../components/TableHead';

/** The popover opens leftwards from the "?"; where that would leave the screen, rightwards. */
function keepDefinitionOnScreen(e: SyntheticEvent<HTMLDetailsElement>) {
  const details = e.currentTarget;
  details.removeAttribute('data-align');
  const left = details.open ? details.querySelector('p')?.getBoundingClientRect().left : undefined;
  if (left !== undefined && left < 0) details.setAttribute('data-align', 'start');
}

/** The "?" next to a figure: its definition, word for word from core/reports/figures.ts. */
export function Definition({ id }: { id: FigureId }) {
  const { t } = useI18n();
  const label = t(`figures.defs.${id}.label`);
  return (
    <details className="definition" onToggle={keepDefinitionOnScreen}>
      <summary
        aria-label={t('figures.whatMeans', { label })}
        title={t('figures.whatMeans', { label })}
      >
        ?
      </summary>
      <p>{t(`figures.defs.${id}.definition`)}</p>
    </details>
  );
}

/** One headline figure. `value` null shows "No data", never a zero that looks like a result. */
export function FigureCard({
  id,
  label,
  value,
  detail,
  status,
}: {
  id: FigureId;
  label?: string;
  value: ReactNode | null;
  detail?: ReactNode;
  /** Against the field's target; shown as words, not only colour. */
  status?: { ok: boolean; text: string } | undefined;
}) {
  const name = label ?? i18n.t(`figures.defs.${id}.label`);
  return (
    <div className="figure-card" role="group" aria-label={name}>
      <div className="figure-head">
        <span className="figure-label">{name}</span>
        <Definition id={id} />
      </div>
      <div className="figure-value">
        {value === null ? <span className="muted">{i18n.t('figures.noData')}</span> : value}
      </div>
      {detail ? <div className="figure-detail muted">{detail}</div> : null}
      {status ? (
        <div className={status.ok ? 'figure-status ok' : 'figure-status warn'}>
          {status.ok ? '✓ ' : '! '}
          {status.text}
        </div>
      ) : null}
    </div>
  );
}

export interface TableSpec {
  caption: string;
  header: string[];
  rows: (string | number | null)[][];
  fileName: string;
}

/** Every chart's numbers as a table, with its own CSV download. */
/** A figure's table: on screen (caption for screen readers) and in the printed summary. */
function SpecTable({ spec, hiddenCaption = false }: { spec: TableSpec; hiddenCaption?: boolean }) {
  return (
    <table className="table">
      <caption className={hiddenCaption ? 'sr-only' : undefined}>{spec.caption}</caption>
      <TableHead columns={spec.header} />
      <tbody>
        {spec.rows.map((r, i) => (
          <tr key={i}>
            {r.map((v, j) => (
              <td key={j}>{v === null ? '—' : v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DataTable({ spec, open = false }: { spec: TableSpec; open?: boolean }) {
  return (
    <details className="chart-table" open={open}>
      <summary>{i18n.t('figures.tableSuffix', { caption: spec.caption })}</summary>
      {spec.rows.length === 0 ? (
        <p className="muted">{i18n.t('figures.noDataDot')}</p>
      ) : (
        <SpecTable spec={spec} hiddenCaption />
      )}
      <button
        type="button"
        onClick={() => downloadText([tableCsv(spec.header, spec.rows)], spec.fileName)}
        disabled={spec.rows.length === 0}
      >
        {i18n.t('figures.downloadCsv', { caption: spec.caption })}
      </button>
    </details>
  );
}

export function Panel({
  title,
  definition,
  wide = false,
  children,
}: {
  title: string;
  definition?: FigureId;
  wide?: boolean;
  children: ReactNode;
}) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`card dash-panel${wide ? ' wide' : ''}`} aria-labelledby={id}>
      <div className="figure-head">
        <h2 id={id}>{title}</h2>
        {definition ? <Definition id={definition} /> : null}
      </div>
      {children}
    </section>
  );
}

/**
 * The printable one-page summary's tables: always in the page but shown only when printing
 * (charts and collapsed tables do not print reliably).
 */
export function PrintSummary({ specs }: { specs: TableSpec[] }) {
  return (
    <div className="print-only print-summary">
      {specs
        .filter((s) => s.rows.length > 0)
        .map((s) => (
          <SpecTable key={s.caption} spec={s} />
        ))}
    </div>
  );
}
