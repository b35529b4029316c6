import { useState } from 'react';
import type { EncounterView } from '../../core/encounters/types';
import { DISPOSITIONS, type Disposition } from '../../core/vocab';
import { api } from '../api/client';
import { FormError, SelectField } from '../components/Field';
import {
  DischargeFollowUpFields,
  draftErrors,
  draftToInput,
  EMPTY_DRAFT,
  usePolicyAsks,
  type FollowUpDraft,
} from '../follow-ups/DischargeFollowUpFields';
import { i18n, useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { DeclineControl } from './OfficersWaiting';

/**
 * The one next step for the encounter's status: arrive or accept at the door, or discharge
 * (with its follow-up asks) once accepted. Nothing for a closed encounter.
 */
export function EncounterActions({
  e,
  now,
  onDone,
}: {
  e: EncounterView;
  now: number;
  onDone(): void;
}) {
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUpDraft>(EMPTY_DRAFT);
  const [followUpErrors, setFollowUpErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const { facility } = useSession();
  const asks = usePolicyAsks(disposition);
  const run = async (
    p: Promise<{ ok: boolean; error?: { message: string; fields?: Record<string, string> } }>,
  ) => {
    setError(null);
    const r = await p;
    const fields = r.error?.fields ?? {};
    // Follow-up errors sit next to their own fields (DischargeFollowUpFields).
    const own = Object.keys(fields).some((f) => f.startsWith('followUp.'));
    setFollowUpErrors(own ? fields : {});
    if (!r.ok && !own)
      setError(Object.values(fields)[0] ?? r.error?.message ?? t('encounter.failed'));
    onDone();
  };
  if (e.status === 'arrived' || e.status === 'expected') {
    // The one next step of a person at the door: arrive (expected) or accept the handoff.
    const arrived = e.status === 'arrived';
    const next = () =>
      arrived
        ? api.call('encounters.accept', { id: e.id })
        : api.call('encounters.arrive', { id: e.id });
    return (
      <div className="actions">
        <FormError message={error} />
        <button type="button" className="primary" onClick={() => void run(next())}>
          {arrived ? t('encounter.acceptHandoff') : t('encounter.markArrived')}
        </button>
        <DeclineControl officer={e} onDone={onDone} />
      </div>
    );
  }
  if (e.status === 'accepted')
    return (
      <div className="inline-form card">
        <FormError message={error} />
        <SelectField
          id="disposition"
          label={t('encounter.disposition')}
          value={disposition}
          onChange={(ev) => setDisposition(ev.target.value as Disposition)}
          placeholder={t('encounter.choose')}
          options={DISPOSITIONS.map((d) => ({ value: d, label: vocabLabel('disposition', d) }))}
        />
        <DischargeFollowUpFields
          asks={asks}
          value={followUp}
          onChange={setFollowUp}
          errors={followUpErrors}
        />
        {/* Discharge ends the stay and frees the bed: one more, deliberate click. */}
        {confirming && disposition ? (
          <>
            <span role="status">
              {t('encounter.confirmDischargeText', {
                disposition: vocabLabel('disposition', disposition),
              })}
            </span>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                void run(
                  api.call('encounters.discharge', {
                    id: e.id,
                    disposition: disposition as Disposition,
                    followUp: draftToInput(followUp, facility.timeZone),
                  }),
                );
              }}
            >
              {t('encounter.confirmDischarge')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              if (!disposition) return setError(i18n.t('messages.chooseDisposition'));
              // A bad phone or an appointment before now shows at its field before confirming.
              const fieldErrors = draftErrors(followUp, facility.timeZone, asks, now);
              setFollowUpErrors(fieldErrors);
              setError(null);
              setConfirming(Object.keys(fieldErrors).length === 0);
            }}
          >
            {t('encounter.discharge')}
          </button>
        )}
      </div>
    );
  return null;
}
