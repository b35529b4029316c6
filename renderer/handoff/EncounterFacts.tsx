import type { EncounterView } from '../../core/encounters/types';
import { isPoliceSource } from '../../core/vocab';
import { formatPhone } from '../../core/follow-up/phone';
import { i18n, useI18n, vocabLabel } from '../i18n';
import { fmtDateTime } from './time';

const yesNo = (v: boolean | null) =>
  v === null ? '—' : v ? i18n.t('common.yes') : i18n.t('common.no');

/** What was recorded: the handoff and stay on the left, the person and triage on the right. */
export function EncounterFacts({ e, tz }: { e: EncounterView; tz: string }) {
  const { t } = useI18n();
  // A walk-in or self-referral had no officer: no officer rows.
  const police = isPoliceSource(e.referralSource);
  return (
    <div className="grid-2">
      <dl className="facts card">
        <dt>{t('encounter.referralSource')}</dt>
        <dd>{vocabLabel('referralSource', e.referralSource)}</dd>
        {police ? (
          <>
            <dt>{t('encounter.agency')}</dt>
            <dd>{e.agency ?? '—'}</dd>
            <dt>{t('encounter.officer')}</dt>
            <dd>
              {e.officerName ?? '—'}
              {e.badgeNumber ? ` #${e.badgeNumber}` : ''}
              {t('encounter.citTrained', { value: yesNo(e.citTrained) })}
            </dd>
            {e.callbackPhone ? (
              <>
                <dt>{t('expectedCall.callback')}</dt>
                <dd>{formatPhone(e.callbackPhone)}</dd>
              </>
            ) : null}
            <dt>{t('encounter.probableCause')}</dt>
            <dd>
              {yesNo(e.probableCause)} / {yesNo(e.divertedFromArrest)}
            </dd>
          </>
        ) : null}
        <dt>{t('encounter.arrived')}</dt>
        <dd>{fmtDateTime(e.arrivedAt, tz)}</dd>
        {police ? (
          <>
            <dt>{t('encounter.officerReleased')}</dt>
            <dd>{fmtDateTime(e.officerReleasedAt, tz)}</dd>
          </>
        ) : null}
        <dt>{t('encounter.bed')}</dt>
        <dd>{e.bedLabel ?? '—'}</dd>
        {e.declinedAt !== null ? (
          <>
            <dt>{t('encounter.declined')}</dt>
            <dd>
              {fmtDateTime(e.declinedAt, tz)} —{' '}
              {e.declineReason ? vocabLabel('declineReason', e.declineReason) : ''}
            </dd>
          </>
        ) : null}
        {e.dischargedAt !== null ? (
          <>
            <dt>{t('encounter.discharged')}</dt>
            <dd>
              {fmtDateTime(e.dischargedAt, tz)} —{' '}
              {e.disposition ? vocabLabel('disposition', e.disposition) : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <dl className="facts card">
        <dt>{t('encounter.dobAge')}</dt>
        <dd>
          {e.dateOfBirth ?? '—'}
          {e.estimatedAge !== null ? t('encounter.about', { age: e.estimatedAge }) : ''}
        </dd>
        <dt>{t('encounter.genderLanguage')}</dt>
        <dd>
          {e.gender ?? '—'} / {e.preferredLanguage ?? '—'}
        </dd>
        <dt>{t('encounter.legalStatus')}</dt>
        <dd>{e.legalStatus ? vocabLabel('legalStatus', e.legalStatus) : '—'}</dd>
        <dt>{t('encounter.presentingConcerns')}</dt>
        <dd>
          {e.presentingConcerns.map((c) => vocabLabel('presentingConcern', c)).join(', ') || '—'}
        </dd>
        <dt>{t('encounter.medicalRedFlags')}</dt>
        <dd>
          {e.medicalRedFlags.map((c) => vocabLabel('medicalRedFlag', c)).join(', ') || '—'}
          {e.referToEd ? t('encounter.referToEd') : ''}
        </dd>
        <dt>{t('encounter.weaponsSearch')}</dt>
        <dd>{yesNo(e.weaponsSearchDone)}</dd>
        <dt>{t('encounter.belongings')}</dt>
        <dd>{e.belongings ?? '—'}</dd>
        <dt>{t('encounter.notes')}</dt>
        <dd>{e.notes ?? '—'}</dd>
      </dl>
    </div>
  );
}
