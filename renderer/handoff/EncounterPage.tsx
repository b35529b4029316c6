import { formatMmSs } from '../../core/encounters/turnaround';
import { isPoliceSource } from '../../core/vocab';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { useI18n, vocabLabel } from '../i18n';
import { personNameLabel } from '../people/person-name';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { BedPicker } from './BedPicker';
import { CorrectionForm } from './CorrectionForm';
import { EncounterActions } from './EncounterActions';
import { EncounterFacts } from './EncounterFacts';
import { EncounterTimeline } from './EncounterTimeline';
import { TurnaroundClock } from './OfficersWaiting';
import { useServerNow } from './time';

/** One encounter: facts, actions for its status, corrections, and the full timeline. */
export function EncounterPage({ id }: { id: number }) {
  const { facility, user } = useSession();
  const q = useApiQuery('encounters.get', { id }, ['encounters']);
  const now = useServerNow(q.data?.now);
  const { t } = useI18n();
  const tz = facility.timeZone;
  if (!q.data) return <FormError message={q.error} />;
  const { encounter: e, events, targetMinutes } = q.data;
  // A walk-in or self-referral had no officer: no officer rows, no officer receipt.
  const police = isPoliceSource(e.referralSource);
  const name = personNameLabel(e.firstName, e.lastName);
  return (
    <section aria-labelledby="encounter-title">
      <p>
        <a href="#/encounters">{t('encounter.back')}</a>
      </p>
      <h1 id="encounter-title">
        {e.reference} — {name}
      </h1>
      {e.deidentifiedAt ? (
        <p role="note" className="deidentified-notice">
          {t('protection.deidentifiedNotice', {
            when: formatDate(e.deidentifiedAt, facility.timeZone, 'longDate'),
          })}
        </p>
      ) : null}
      <p>
        {t('encounter.status')} <strong>{vocabLabel('encounterStatus', e.status)}</strong>
        {e.status === 'arrived' && e.arrivedAt !== null && e.officerReleasedAt === null ? (
          <>
            {t('encounter.officerWaiting')}
            <TurnaroundClock arrivedAt={e.arrivedAt} now={now} targetMinutes={targetMinutes} />
          </>
        ) : null}
        {e.officerReleasedAt !== null && e.arrivedAt !== null
          ? t('encounter.turnaround', {
              turnaround: formatMmSs(e.officerReleasedAt - e.arrivedAt),
            })
          : ''}
        {police ? (
          <>
            {' '}
            · <a href={`#/encounters/${e.id}/receipt`}>{t('encounter.receipt')}</a>
          </>
        ) : null}
        {user.role !== 'intake' ? (
          <>
            {' '}
            · <a href={`#/people/encounter/${e.id}`}>{t('people.openPerson')}</a>
          </>
        ) : null}
      </p>
      <FormError message={q.error} />
      <BedPicker e={e} onDone={q.reload} />
      <EncounterActions e={e} now={now} onDone={q.reload} />
      <EncounterFacts e={e} tz={tz} />
      <EncounterTimeline e={e} events={events} tz={tz} />
      <CorrectionForm e={e} onDone={q.reload} />
    </section>
  );
}
