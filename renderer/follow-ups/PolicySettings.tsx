import { useEffect, useState } from 'react';
import { DISPOSITIONS, type Disposition } from '../../core/vocab';
import { api } from '../api/client';
import { Field, FieldErrorText, FormError, SavedNotice } from '../components/Field';
import { useI18n, vocabLabel } from '../i18n';
import { useMayCall } from '../session';
import { useApiQuery } from '../useApiQuery';
import { TableHead } from '../components/TableHead';
import { submitWith } from '../components/Forms';

const parseHours = (s: string): number[] =>
  s
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

/** Settings → Follow-up: contacts due per disposition, and how "no answer" reschedules. */
export function FollowUpPolicySettings() {
  const { t } = useI18n();
  const readOnly = !useMayCall('followUps.updatePolicy');
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
  // A disposition's hours are one field on screen but several in the schema (contacts.<d>.<i>).
  const contactsError = (d: Disposition) =>
    Object.entries(errors).find(
      ([f]) => f === `contacts.${d}` || f.startsWith(`contacts.${d}.`),
    )?.[1];
  return (
    <form className="card" aria-labelledby="follow-up-policy-title" onSubmit={submitWith(save)}>
      <h2 id="follow-up-policy-title">{t('followUps.policy.title')}</h2>
      <p className="muted">{t('followUps.policy.intro')}</p>
      <FormError message={error} />
      <fieldset disabled={readOnly}>
        <table className="table">
          <caption className="sr-only">{t('followUps.policy.title')}</caption>
          <TableHead columns={[t('followUps.policy.disposition'), t('followUps.policy.hours')]} />
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
                    aria-invalid={contactsError(d) ? true : undefined}
                    aria-describedby={contactsError(d) ? `fp-contacts-${d}-err` : undefined}
                    onChange={(e) => setHours({ ...hours, [d]: e.target.value })}
                  />
                  <FieldErrorText id={`fp-contacts-${d}-err`} message={contactsError(d)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="inline-form">
          <Field
            id="fp-retry"
            label={t('followUps.policy.retry')}
            inputMode="numeric"
            value={retry}
            error={errors.retryHours}
            onChange={(e) => setRetry(e.target.value)}
          />
          <Field
            id="fp-max"
            label={t('followUps.policy.maxAttempts')}
            inputMode="numeric"
            value={max}
            error={errors.maxAttempts}
            onChange={(e) => setMax(e.target.value)}
          />
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
