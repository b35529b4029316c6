import { Field } from './Field';

export interface DateRange {
  from: string;
  to: string;
}

/**
 * Two date inputs, `<idPrefix>-from` and `<idPrefix>-to`, for a filter or an export's range. The
 * values are the inputs' own `YYYY-MM-DD` text ('' when empty); the caller decides what they mean.
 */
export function DateRangeFields({
  idPrefix,
  labels,
  value,
  onChange,
  errors,
}: {
  idPrefix: string;
  labels: DateRange;
  value: DateRange;
  onChange(range: DateRange): void;
  errors?: Partial<Record<keyof DateRange, string>>;
}) {
  return (
    <>
      {(['from', 'to'] as const).map((k) => (
        <Field
          key={k}
          id={`${idPrefix}-${k}`}
          label={labels[k]}
          type="date"
          value={value[k]}
          error={errors?.[k]}
          onChange={(e) => onChange({ ...value, [k]: e.target.value })}
        />
      ))}
    </>
  );
}
