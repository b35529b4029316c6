import type { FormEvent, FormEventHandler, ReactNode } from 'react';
import { FormError } from './Field';

/** A form's onSubmit for a form not bound to useApiForm: the page stays, `action` runs. */
export const submitWith = (action: () => unknown) => (e: FormEvent<HTMLFormElement>) => {
  e.preventDefault();
  void action();
};

/** What a form needs from useApiForm: `const { form, ...submit } = useApiForm(…)`. */
export interface FormSubmit {
  onSubmit: FormEventHandler<HTMLFormElement>;
  formError: string | null;
}

/**
 * A form named by its own heading (aria-labelledby), the form's error under the heading and any
 * intro: the settings cards, sign-in, setup and kiosk pairing all start this way.
 */
export function TitledForm({
  titleId,
  title,
  level = 2,
  className = 'card',
  intro,
  submit: { onSubmit, formError },
  children,
}: {
  titleId: string;
  title: ReactNode;
  level?: 1 | 2 | 3;
  className?: string;
  intro?: ReactNode;
  submit: FormSubmit;
  children: ReactNode;
}) {
  const Heading = `h${level}` as const;
  return (
    <form className={className} onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <Heading id={titleId}>{title}</Heading>
      {intro}
      <FormError message={formError} />
      {children}
    </form>
  );
}

/** A form inside a section, named by `label` when it has one (add beds, reset a password). */
export function LabelledForm({
  label,
  className,
  submit: { onSubmit, formError },
  children,
}: {
  label?: string;
  className?: string;
  submit: FormSubmit;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className={className} aria-label={label}>
      <FormError message={formError} />
      {children}
    </form>
  );
}
