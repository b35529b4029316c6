import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { FieldError } from 'react-hook-form';
import { useI18n } from '../i18n';

/** A react-hook-form error, or the server's message for the field (`error.fields[k]`). */
type FieldProblem = FieldError | string | undefined;

const problemText = (error: FieldProblem) => (typeof error === 'string' ? error : error?.message);

/** A field's error under it, announced; `id` is what the control's aria-describedby names. */
export function FieldErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <div className="field-error" id={id} role="alert">
      {message}
    </div>
  ) : null;
}

/**
 * The ids and aria attributes a labelled control shares with its label, hint and error. An `id`
 * given by the caller wins (tests and links name some controls), otherwise one is made up.
 */
function useFieldIds(given: string | undefined, error: FieldProblem, hasHint: boolean) {
  const made = useId();
  const id = given ?? made;
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy =
    [error ? errId : null, hasHint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return {
    id,
    errId,
    hintId,
    aria: { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy },
  };
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: FieldProblem;
  hint?: ReactNode;
  /** Takes the spare width of an inline form's row (a note beside short fields). */
  grow?: boolean;
}

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ label, error, hint, grow, id: given, ...input }: FieldProps) {
  const { id, errId, hintId, aria } = useFieldIds(given, error, Boolean(hint));
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...aria} {...input} />
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <FieldErrorText id={errId} message={problemText(error)} />
    </div>
  );
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: FieldProblem;
  options: readonly { value: string; label: string }[];
  /** The label of an empty first choice ("Choose…", "Any"), when nothing chosen is allowed. */
  placeholder?: string;
}

export function SelectField({
  label,
  error,
  options,
  placeholder,
  id: given,
  ...select
}: SelectProps) {
  const { id, errId, aria } = useFieldIds(given, error, false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...aria} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrorText id={errId} message={problemText(error)} />
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}

/** The quiet confirmation a settings form shows once its change is stored. */
export function SavedNotice({ show }: { show: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <p role="status" className="notice">
      {t('common.saved')}
    </p>
  );
}
