import { useId } from 'react';

/** Several values of a vocabulary as toggle buttons: one keypress or click each, state announced. */
export function Toggles<T extends string>({
  legend,
  values,
  labels,
  selected,
  onChange,
  error,
}: {
  legend: string;
  values: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  onChange(next: T[]): void;
  error?: string | undefined;
}) {
  return (
    <fieldset className="toggles">
      <legend>{legend}</legend>
      {values.map((v) => {
        const on = selected.includes(v);
        return (
          <button
            key={v}
            type="button"
            aria-pressed={on}
            className={on ? 'toggle on' : 'toggle'}
            onClick={() => onChange(on ? selected.filter((s) => s !== v) : [...selected, v])}
          >
            {on ? '✓ ' : ''}
            {labels[v]}
          </button>
        );
      })}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

export function Check({
  label,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className="handoff-check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
