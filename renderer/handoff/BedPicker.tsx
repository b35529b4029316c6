import { useState } from 'react';
import type { EncounterView } from '../../core/encounters/types';
import { api } from '../api/client';
import { FormError } from '../components/Field';
import { useI18n } from '../i18n';
import { useApiQuery } from '../useApiQuery';

/** Assign or move a bed: available beds from the board, grouped by unit. */
export function BedPicker({ e, onDone }: { e: EncounterView; onDone(): void }) {
  const board = useApiQuery('beds.board', {}, ['beds']);
  const [bedId, setBedId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  if (!['expected', 'arrived', 'accepted'].includes(e.status)) return null;
  const units = board.data?.units ?? [];
  const assign = async () => {
    setError(null);
    const r = await api.call('encounters.assignBed', { id: e.id, bedId: Number(bedId) });
    if (!r.ok) setError(r.error.fields?.bedId ?? r.error.message);
    else setBedId('');
    onDone();
  };
  const verb =
    e.status === 'expected'
      ? t('encounter.holdBed')
      : e.bedId
        ? t('encounter.moveBed')
        : t('encounter.assignBed');
  return (
    <div className="inline-form card">
      <FormError message={error ?? board.error} />
      <div className="field">
        <label htmlFor="bed-pick">
          {e.status === 'expected' ? t('encounter.bedToHold') : t('encounter.bed')}
        </label>
        <select id="bed-pick" value={bedId} onChange={(ev) => setBedId(ev.target.value)}>
          <option value="">{t('encounter.chooseBed')}</option>
          {units.map((u) => (
            <optgroup key={u.id} label={u.name}>
              {u.beds
                .filter((b) => b.status === 'available')
                .map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button type="button" disabled={!bedId} onClick={() => void assign()}>
        {verb}
      </button>
    </div>
  );
}
