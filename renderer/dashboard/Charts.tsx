import type { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const TICK = { fill: 'var(--muted)', fontSize: 12 };
/** One bar's band in a horizontal chart: room for its name at the tick font size. */
const BAR_BAND_PX = 28;

/** A chart as a figure named for screen readers; its numbers are in the table beside it. */
function ChartFigure({
  label,
  height,
  children,
}: {
  label: string;
  height: number;
  children: ReactElement;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}

/**
 * A labelled bar chart; the same numbers are always in the table next to it. Horizontal bars by
 * default so every category is named on its own line (`interval={0}`: recharts otherwise drops
 * the names that would collide); `columns` for many short keys such as the 24 hours.
 */
export function Bars({
  data,
  x,
  y,
  label,
  unit,
  columns = false,
}: {
  data: Record<string, string | number | null>[];
  x: string;
  y: string;
  label: string;
  unit?: string;
  columns?: boolean;
}) {
  return (
    <ChartFigure
      label={label}
      height={columns ? 220 : Math.max(120, data.length * BAR_BAND_PX + 48)}
    >
      <BarChart
        data={data}
        layout={columns ? 'horizontal' : 'vertical'}
        margin={{ top: 8, right: columns ? 8 : 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        {columns ? (
          <XAxis dataKey={x} tick={{ ...TICK, fontSize: 11 }} interval={0} />
        ) : (
          <XAxis type="number" tick={TICK} unit={unit} />
        )}
        {columns ? (
          <YAxis tick={TICK} unit={unit} />
        ) : (
          // "auto": as wide as the longest name, so no name is cut or skipped.
          <YAxis type="category" dataKey={x} tick={TICK} interval={0} width="auto" />
        )}
        <Tooltip />
        <Bar dataKey={y} fill="var(--accent)" isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}

export function Trend({
  data,
  x,
  lines,
  label,
}: {
  data: Record<string, string | number>[];
  x: string;
  lines: { key: string; name: string; color: string }[];
  label: string;
}) {
  return (
    <ChartFigure label={label} height={220}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey={x} tick={TICK} />
        <YAxis tick={TICK} />
        <Tooltip />
        {/* Two lines in two colours: the legend says which is which. */}
        <Legend />
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.name}
            stroke={l.color}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFigure>
  );
}
