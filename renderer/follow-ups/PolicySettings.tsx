import { useEffect, useState } from 'react';
import { DISPOSITIONS, type Disposition } from '../../core/vocab';
import { api } from '../api/client';
import { FormError, SavedNotice } from '../components/Field';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';

const parseHours = (s: string): number[] =>
  s
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

/** Settings → Follow-up: contacts due per disposition, and how "no answer" reschedules. */
export function FollowUpPolicySettings() {
  const { t } = useI18n();
  const { user } = useSession();
  const q = useApiQuery('followUps.policy', {}, ['settings']);
  const [hours, setHours] = useState<Record<string, string>>({});
  const [retry, setRetry] = useState('');
  const [max, setMax] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!q.data) return;
    setHours(Object.fromEntries(DISPOSITIONS.map((d) => [d, q.data!.contacts[d].join(', ')])));
    setRetry(String(q.data.retryHours));
    setMax(String(q.data.maxAttempts));
  }, [q.data]);
  const readOnly = user.role !== 'admin' && user.role !== 'manager';
  const save = async () => {
    setSaved(false);
    const contacts = Object.fromEntries(
      DISPOSITIONS.map((d) => [d, parseHours(hours[d] ?? '')]),
    ) as Record<Disposition, number[]>;
    const r = await api.call('followUps.updatePolicy', {
      contacts,
      retryHours: Number(retry),
      maxAttempts: Number(max),
    });
    if (r.ok) {
      setErrors({});
      setError(null);
      setSaved(true);
    } else {
      setErrors(r.error.fields ?? {});
      setError(r.error.message);
    }
  };
  const fieldError = (k: string, prefix = false) => {
    const m = prefix
      ? Object.entries(errors).find(([f]) => f === k || f.startsWith(`${k}.`))?.[1]
      : errors[k];
    return m ? (
      <div className="field-error" id={`fp-${k.replace(/\./g, '-')}-err`} role="alert">
        {m}
      </div>
    ) : null;
  };
  return (
    <form
      className="card"
      aria-labelledby="follow-up-policy-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="follow-up-policy-title">{t('followUps.policy.title')}</h2>
      <p className="muted">{t('followUps.policy.intro')}</p>
      <FormError message={error} />
      <fieldset disabled={readOnly}>
        <table className="table">
          <caption className="sr-only">{t('followUps.policy.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('followUps.policy.disposition')}</th>
              <th scope="col">{t('followUps.policy.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {DISPOSITIONS.map((d) => (
              <tr key={d}>
                <th scope="row">
                  <label htmlFor={`fp-${d}`}>{vocabLabel('disposition', d)}</label>
                </th>
                <td>
                  <input
                    id={`fp-${d}`}
                    value={hours[d] ?? ''}
                    placeholder={t('followUps.policy.none')}
                    onChange={(e) => setHours({ ...hours, [d]: e.target.value })}
                  />
                  {fieldError(`contacts.${d}`, true)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="fp-retry">{t('followUps.policy.retry')}</label>
            <input
              id="fp-retry"
              inputMode="numeric"
              value={retry}
              onChange={(e) => setRetry(e.target.value)}
            />
            {fieldError('retryHours')}
          </div>
          <div className="field">
            <label htmlFor="fp-max">{t('followUps.policy.maxAttempts')}</label>
            <input
              id="fp-max"
              inputMode="numeric"
              value={max}
              onChange={(e) => setMax(e.target.value)}
            />
            {fieldError('maxAttempts')}
          </div>
        </div>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="primary">
          {t('followUps.policy.save')}
        </button>
      )}
      <SavedNotice show={saved} />
    </form>
  );
}
