import { useState } from 'react';
import { ROLE_LABELS, STAFF_ROLES } from '../../core/roles';
import { createUserSchema, resetPasswordSchema } from '../../core/schemas/auth';
import type { UserView } from '../../core/types';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';

const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { form, onSubmit, formError } = useApiForm('users.create', createUserSchema, {
    defaultValues: { displayName: '', username: '', role: 'intake', password: '' },
    onSuccess: () => {
      form.reset();
      onCreated();
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a user</h2>
      <FormError message={formError} />
      <div className="grid-2">
        <Field label="Full name" error={errors.displayName} {...form.register('displayName')} />
        <Field label="Username" error={errors.username} {...form.register('username')} />
        <SelectField
          label="Role"
          options={roleOptions}
          error={errors.role}
          {...form.register('role')}
        />
        <Field
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters; tell it to the person privately."
          error={errors.password}
          {...form.register('password')}
        />
      </div>
      <button type="submit" className="primary" disabled={isSubmitting}>
        Add user
      </button>
    </form>
  );
}

function ResetPassword({ user, onDone }: { user: UserView; onDone: () => void }) {
  const { form, onSubmit, formError } = useApiForm('users.resetPassword', resetPasswordSchema, {
    defaultValues: { id: user.id, password: '' },
    onSuccess: onDone,
  });
  return (
    <form onSubmit={onSubmit} noValidate className="inline-form">
      <FormError message={formError} />
      <Field
        label={`New password for ${user.username}`}
        type="password"
        autoComplete="new-password"
        error={form.formState.errors.password}
        {...form.register('password')}
      />
      <button type="submit">Set password</button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

export function UsersScreen() {
  const { user: me } = useSession();
  const users = useApiQuery('users.list', {}, ['users']);
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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
      <h1 id="users-title">Users</h1>
      <FormError message={error ?? users.error} />
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      <table className="table">
        <caption className="sr-only">Staff accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.username}</td>
              <td>
                <label className="sr-only" htmlFor={`role-${u.id}`}>
                  Role of {u.username}
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
                  {roleOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.disabled ? 'Disabled' : 'Active'}</td>
              <td className="row-actions">
                {u.id !== me.id ? (
                  <button
                    type="button"
                    onClick={() => void update({ id: u.id, disabled: !u.disabled })}
                  >
                    {u.disabled ? `Enable ${u.username}` : `Disable ${u.username}`}
                  </button>
                ) : null}
                {resetting === u.id ? (
                  <ResetPassword
                    user={u}
                    onDone={() => {
                      setResetting(null);
                      setNotice(
                        `Password of ${u.username} was reset; their open sessions were signed out.`,
                      );
                    }}
                  />
                ) : (
                  <button type="button" onClick={() => setResetting(u.id)}>
                    Reset password of {u.username}
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
