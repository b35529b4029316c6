import { useState } from 'react';
import { STAFF_ROLES } from '../../core/roles';
import { createUserSchema, resetPasswordSchema } from '../../core/schemas/auth';
import type { UserView } from '../../core/types';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { LabelledForm, TitledForm } from '../components/Forms';
import { useI18n, vocabOptions } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { TableHead } from '../components/TableHead';

const roleOptions = () => vocabOptions('role', STAFF_ROLES);

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { form, field, ...submit } = useApiForm('users.create', createUserSchema, {
    defaultValues: { displayName: '', username: '', role: 'intake', password: '' },
    onSuccess: () => {
      form.reset();
      onCreated();
    },
  });
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <TitledForm titleId="new-user-title" title={t('users.addTitle')} submit={submit}>
      <div className="grid-2">
        <Field label={t('users.fullName')} {...field('displayName')} />
        <Field label={t('users.username')} {...field('username')} />
        <SelectField label={t('users.role')} options={roleOptions()} {...field('role')} />
        <Field
          label={t('users.initialPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('users.initialPasswordHint')}
          {...field('password')}
        />
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        {t('users.add')}
      </button>
    </TitledForm>
  );
}

function ResetPassword({ user, onDone }: { user: UserView; onDone: () => void }) {
  const { field, ...submit } = useApiForm('users.resetPassword', resetPasswordSchema, {
    defaultValues: { id: user.id, password: '' },
    onSuccess: onDone,
  });
  const { t } = useI18n();
  return (
    <LabelledForm className="inline-form" submit={submit}>
      <Field
        label={t('users.newPasswordFor', { username: user.username })}
        type="password"
        autoComplete="new-password"
        {...field('password')}
      />
      <button type="submit">{t('users.setPassword')}</button>
      <button type="button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </LabelledForm>
  );
}

export function UsersScreen() {
  const { user: me } = useSession();
  const users = useApiQuery('users.list', {}, ['users']);
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useI18n();

  const update = async (input: {
    id: number;
    role?: UserView['role'] & ('admin' | 'manager' | 'intake');
    disabled?: boolean;
  }) => {
    setError(null);
    const r = await api.call('users.update', input);
    if (!r.ok) setError(r.error.message);
    users.reload();
  };

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <FormError message={error ?? users.error} />
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      <table className="table">
        <caption className="sr-only">{t('users.caption')}</caption>
        <TableHead
          columns={[
            t('users.colName'),
            t('users.colUsername'),
            t('users.colRole'),
            t('users.colStatus'),
            t('users.colActions'),
          ]}
        />
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.username}</td>
              <td>
                <label className="sr-only" htmlFor={`role-${u.id}`}>
                  {t('users.roleOf', { username: u.username })}
                </label>
                <select
                  id={`role-${u.id}`}
                  value={u.role}
                  onChange={(e) =>
                    void update({
                      id: u.id,
                      role: e.target.value as 'admin' | 'manager' | 'intake',
                    })
                  }
                >
                  {roleOptions().map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
              <td className="row-actions">
                {u.id !== me.id ? (
                  <button
                    type="button"
                    onClick={() => void update({ id: u.id, disabled: !u.disabled })}
                  >
                    {u.disabled
                      ? t('users.enable', { username: u.username })
                      : t('users.disable', { username: u.username })}
                  </button>
                ) : null}
                {resetting === u.id ? (
                  <ResetPassword
                    user={u}
                    onDone={() => {
                      setResetting(null);
                      setNotice(t('users.resetDone', { username: u.username }));
                    }}
                  />
                ) : (
                  <button type="button" onClick={() => setResetting(u.id)}>
                    {t('users.resetPassword', { username: u.username })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateUser onCreated={users.reload} />
    </section>
  );
}
