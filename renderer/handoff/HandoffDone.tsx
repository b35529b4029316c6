import { formatMmSs } from '../../core/encounters/turnaround';
import type { EncounterView } from '../../core/encounters/types';
import { isPoliceSource } from '../../core/vocab';
import { useI18n } from '../i18n';
import { fmtTime } from './time';

/** What the last handoff recorded: its reference, the officer's turnaround, receipt and link. */
export function HandoffDone({ done, timeZone }: { done: EncounterView; timeZone: string }) {
  const { t } = useI18n();
  const police = isPoliceSource(done.referralSource);
  return (
    <div className="card done" role="status">
      <strong>
        {done.status === 'accepted'
          ? t('handoff.accepted', { reference: done.reference })
          : t('handoff.recorded', { reference: done.reference })}
      </strong>
      {t('handoff.arrivedAt', { time: fmtTime(done.arrivedAt, timeZone) })}
      {!police
        ? null
        : done.officerReleasedAt !== null && done.arrivedAt !== null
          ? t('handoff.officerReleased', {
              time: fmtTime(done.officerReleasedAt, timeZone),
              turnaround: formatMmSs(done.officerReleasedAt - done.arrivedAt),
            })
          : t('handoff.officerWaiting')}
      .{' '}
      {police ? <a href={`#/encounters/${done.id}/receipt`}>{t('handoff.printReceipt')}</a> : null}{' '}
      <a href={`#/encounters/${done.id}`}>{t('handoff.open', { reference: done.reference })}</a>
    </div>
  );
}
