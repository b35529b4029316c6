import { i18n, useI18n } from '../i18n';
import { DataTable, type TableSpec } from './parts';
import { TableHead } from '../components/TableHead';
import type { DateRange } from '../components/DateRangeFields';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const weekday = (i: number) => i18n.t(`figures.weekdays.${WEEKDAYS[i] ?? 'mon'}`);

/** Arrivals by weekday and hour: cells shaded by count, the same numbers in a table below. */
export function Heatmap({ grid, range }: { grid: number[][]; range: DateRange }) {
  const max = Math.max(1, ...grid.flat());
  const { t } = useI18n();
  const spec: TableSpec = {
    caption: t('figures.heatmap'),
    header: [
      t('figures.colDay'),
      ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
    ],
    rows: grid.map((row, i) => [weekday(i), ...row]),
    fileName: `arrivals-by-hour-${range.from}-${range.to}.csv`,
  };
  return (
    <>
      {/* Scrolls sideways on narrow screens: focusable so keyboard users can scroll it too. */}
      <div
        className="heatmap-wrap"
        tabIndex={0}
        role="region"
        aria-label={t('figures.heatmapScroll')}
      >
        <table className="heatmap">
          <caption className="sr-only">{t('figures.heatmapCaption')}</caption>
          <TableHead columns={[t('figures.colDay'), ...Array.from({ length: 24 }, (_, h) => h)]} />
          <tbody>
            {grid.map((row, i) => (
              <tr key={i}>
                <th scope="row">{weekday(i)}</th>
                {row.map((n, h) => (
                  <td
                    key={h}
                    style={{
                      background: `color-mix(in srgb, var(--accent) ${Math.round((n / max) * 85)}%, transparent)`,
                    }}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DataTable spec={spec} />
    </>
  );
}
