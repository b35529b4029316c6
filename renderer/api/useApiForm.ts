import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type Resolver,
} from 'react-hook-form';
import type { z } from 'zod';
import type { MethodInput, MethodName, MethodOutput } from '../../core/contract';
import { translateMessage } from '../i18n';
import { api } from './client';
import { fieldProps } from './fieldProps';

/** Every field error's message in the language on screen (the schemas' messages are English). */
function translateErrors(errors: FieldErrors): FieldErrors {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'ref') continue;
      if (k === 'message' && typeof v === 'string')
        (node as Record<string, unknown>).message = translateMessage(v);
      else walk(v);
    }
  };
  walk(errors);
  return errors;
}

function translatedResolver<T extends FieldValues>(resolver: Resolver<T>): Resolver<T> {
  return async (values, context, options) => {
    const result = await resolver(values, context, options);
    return { ...result, errors: translateErrors(result.errors) } as typeof result;
  };
}

/**
 * A form bound to one contract method: validated in the browser with the method's own zod
 * schema, submitted raw (the server parses it again), and the server's field errors land on
 * the same fields.
 */
export function useApiForm<K extends MethodName, S extends z.ZodType<unknown, FieldValues>>(
  method: K,
  schema: S,
  options: {
    defaultValues?: DefaultValues<z.input<S>>;
    onSuccess?: (value: MethodOutput<K>) => void;
  } = {},
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: translatedResolver(zodResolver(schema as never) as never) as never,
    defaultValues: options.defaultValues,
    mode: 'onSubmit',
  });
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async () => {
    setFormError(null);
    const result = await api.call(method, form.getValues() as MethodInput<K>);
    if (result.ok) {
      options.onSuccess?.(result.value);
      return;
    }
    const { fields, message } = result.error;
    let placed = false;
    for (const [name, msg] of Object.entries(fields ?? {})) {
      if (name === '_') continue;
      form.setError(
        name as Path<z.input<S>>,
        { type: 'server', message: msg },
        { shouldFocus: !placed },
      );
      placed = true;
    }
    setFormError(message);
  });

  /** `<Field {...field('name')} />`: the field's registration and error (see fieldProps). */
  const field = <N extends Path<z.input<S>>>(name: N, rules?: RegisterOptions<z.input<S>, N>) =>
    fieldProps(form, name, rules);

  return { form, field, onSubmit, formError, setFormError };
}
