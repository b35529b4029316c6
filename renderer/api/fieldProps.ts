import {
  get,
  type FieldError,
  type FieldErrors,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormRegister,
} from 'react-hook-form';

/**
 * A field's registration and its error (nested names too, `facility.name`), so a form names each
 * field once: `<Field label={…} {...fieldProps(form, 'name')} />`.
 */
export function fieldProps<T extends FieldValues, N extends Path<T>>(
  form: { register: UseFormRegister<T>; formState: { errors: FieldErrors<T> } },
  name: N,
  rules?: RegisterOptions<T, N>,
) {
  return {
    ...form.register(name, rules),
    error: get(form.formState.errors, name) as FieldError | undefined,
  };
}
