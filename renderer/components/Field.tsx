import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
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
  // Only an error with words is rendered (FieldErrorText): never name an id that is not there.
  const describedBy =
    [problemText(error) ? errId : null, hasHint ? hintId : null].filter(Boolean).join(' ') ||
    undefined;
  return {
    id,
    errId,
    hintId,
    aria: { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy },
  };
}

interface FrameProps {
  label: string;
  error?: FieldProblem;
  hint?: ReactNode;
  /** Takes the spare width of an inline form's row (a note beside short fields). */
  grow?: boolean | undefined;
  id?: string | undefined;
}

type ControlProps = { id: string } & ReturnType<typeof useFieldIds>['aria'];

/** The label, hint and error around one control, tied to it by its id and aria-describedby. */
function FieldFrame({
  label,
  error,
  hint,
  grow,
  id: given,
  control,
}: FrameProps & { control(props: ControlProps): ReactNode }) {
  const { id, errId, hintId, aria } = useFieldIds(given, error, Boolean(hint));
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control({ id, ...aria })}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <FieldErrorText id={errId} message={problemText(error)} />
    </div>
  );
}

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({
  label,
  error,
  hint,
  grow,
  id,
  ...input
}: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const frame = { label, error, hint, grow, id };
  return <FieldFrame {...frame} control={(c) => <input {...c} {...input} />} />;
}

/** The same for a few lines of text (a note). */
export function TextAreaField({
  label,
  error,
  hint,
  grow,
  id,
  ...textarea
}: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const frame = { label, error, hint, grow, id };
  return <FieldFrame {...frame} control={(c) => <textarea {...c} {...textarea} />} />;
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: FieldProblem;
  options: readonly { value: string; label: string }[];
  /** The label of an empty first choice ("Choose…", "Any"), when nothing chosen is allowed. */
  placeholder?: string;
}

export function SelectField({ label, error, options, placeholder, id, ...select }: SelectProps) {
  const frame = { label, error, id };
  return (
    <FieldFrame
      {...frame}
      control={(c) => (
        <select {...c} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
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
