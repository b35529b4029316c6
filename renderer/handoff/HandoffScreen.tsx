import { FormError, Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { ArrivalBar, ArrivalTimeField } from './ArrivalBar';
import { CapacityLine, againstCapacity } from './CapacityLine';
import { ExpectedArrivalForm } from './ExpectedArrival';
import { HandoffDone } from './HandoffDone';
import { OfficersWaiting } from './OfficersWaiting';
import { PoliceDetailsFields, WhoBroughtFields } from './OfficerFields';
import { PersonFields, TriageFields } from './PersonFields';
import { useServerNow, useServerTimeReader } from './time';
import { useHandoffForm } from './useHandoffForm';
import { submitWith } from '../components/Forms';
import { fieldProps } from '../api/fieldProps';

/**
 * The warm handoff: one keyboard-first screen. The officer's turnaround starts when staff start
 * the arrival (first keystroke, or "Officer here"), not when they press Accept; a typed arrival
 * time wins. Fields follow the officer's words (agency, name, badge, then the person), Agency has
 * focus on open, and Accept sits in a bar that stays on screen. Ctrl+Enter accepts.
 */
export function HandoffScreen() {
  const { facility } = useSession();
  const { t } = useI18n();
  const active = useApiQuery('encounters.active', {}, ['encounters']);
  const capacity = useApiQuery('capacity.get', {}, ['capacity']);
  const now = useServerNow(active.data?.now);
  const serverTime = useServerTimeReader(active.data?.now);
  const h = useHandoffForm(serverTime);
  const { form, clock, police } = h;
  const { errors, isSubmitting } = form.formState;
  const needsReason = againstCapacity(capacity.data, police);
  const target = active.data?.targetMinutes ?? 10;

  return (
    <section aria-labelledby="handoff-title" className="handoff">
      <h1 id="handoff-title">{t('handoff.title')}</h1>
      {capacity.data ? <CapacityLine capacity={capacity.data} police={police} /> : null}
      {h.done ? <HandoffDone done={h.done} timeZone={facility.timeZone} /> : null}
      <form
        className="card handoff-form"
        noValidate
        aria-labelledby="handoff-form-title"
        // The officer is at the desk from the first key typed into a new arrival.
        onInputCapture={clock.start}
        onChangeCapture={clock.start}
        onSubmit={submitWith(() => h.submit(true))}
      >
        <h2 id="handoff-form-title">{t('handoff.newArrival')}</h2>
        <FormError message={h.formError} />
        <div className="handoff-grid">
          <WhoBroughtFields form={form} police={police} firstFieldRef={h.firstFieldRef} />
          <PersonFields form={form} />
          <TriageFields form={form} onTouch={clock.start} />
          {/* Placed under the officer's fields on screen, but after the person in Tab order:
              the usual drop-off never needs them, so they cost no Tab on the way. */}
          {police ? <PoliceDetailsFields form={form} /> : null}
        </div>
        <div className="handoff-bar">
          <ArrivalBar
            startedAt={clock.startedAt}
            parsed={h.parsedArrival}
            now={now}
            targetMinutes={target}
            timeZone={facility.timeZone}
          />
          <ArrivalTimeField
            text={h.arrivalText}
            parsed={h.parsedArrival}
            error={errors.arrivedAt}
            timeZone={facility.timeZone}
            onText={h.onArrivalText}
          />
          {needsReason || errors.capacityReason ? (
            <Field
              label={t('handoff.capacityReason', {
                status: t(`messageWords.capacityStatus.${capacity.data?.status ?? 'closed'}`),
              })}
              className="capacity-reason-input"
              {...fieldProps(form, 'capacityReason')}
            />
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={isSubmitting}>
              {t('handoff.accept')}
            </button>
            <button type="button" disabled={isSubmitting} onClick={() => h.submit(false)}>
              {t('handoff.recordArrival')}
            </button>
            <button type="button" onClick={h.officerHere} disabled={clock.startedAt !== null}>
              {t('handoff.officerHere')}
            </button>
            <button type="button" onClick={h.clearForm}>
              {t('handoff.clear')}
            </button>
          </div>
          <span className="hint">{t('handoff.ctrlEnter')}</span>
        </div>
      </form>
      <OfficersWaiting onAccepted={h.clearOutcome} />
      <ExpectedArrivalForm />
    </section>
  );
}
