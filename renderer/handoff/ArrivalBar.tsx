import type { FieldError } from 'react-hook-form';
import { useI18n } from '../i18n';
import type { ArrivalParse } from './arrival-time';
import { TurnaroundClock } from './OfficersWaiting';
import { fmtTime } from './time';

/** The officer's clock on the form, from the first keystroke of a new arrival. */
export function ArrivalBar({
  startedAt,
  parsed,
  now,
  targetMinutes,
  timeZone,
}: {
  startedAt: number | null;
  parsed: ArrivalParse;
  now: number;
  targetMinutes: number;
  timeZone: string;
}) {
  const { t } = useI18n();
  const arrival = parsed.kind === 'time' ? parsed.at : startedAt;
  return (
    <div className="arrival-clock" role="timer" aria-live="off" data-testid="arrival-clock">
      {arrival === null ? (
        <span className="muted">{t('handoff.clockIdle')}</span>
      ) : (
        <>
          <span>{t('handoff.clockSince', { time: fmtTime(arrival, timeZone) })}</span>{' '}
          <TurnaroundClock
            arrivedAt={arrival}
            now={Math.max(now, arrival)}
            targetMinutes={targetMinutes}
          />
        </>
      )}
    </div>
  );
}

/**
 * The typed arrival time ("now", "-5", "14:32"), with what it resolves to shown as it is typed.
 * Its id is fixed: an unreadable time sends focus back here on submit.
 */
export function ArrivalTimeField({
  text,
  parsed,
  error,
  timeZone,
  onText,
}: {
  text: string;
  parsed: ArrivalParse;
  error: FieldError | undefined;
  timeZone: string;
  onText(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <div className="field arrival-field">
      <label htmlFor="arrival-time">{t('handoff.arrivalTime')}</label>
      <input
        id="arrival-time"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={8}
        value={text}
        onChange={(e) => onText(e.target.value)}
        aria-describedby={error ? 'arrival-err' : 'arrival-hint'}
        aria-invalid={error || parsed.kind === 'invalid' ? true : undefined}
      />
      {error?.message ? (
        <div className="field-error" id="arrival-err" role="alert">
          {error.message}
        </div>
      ) : (
        <div className="hint" id="arrival-hint">
          {parsed.kind === 'time'
            ? t('handoff.arrivalResolved', { time: fmtTime(parsed.at, timeZone) })
            : parsed.kind === 'invalid'
              ? t('handoff.arrivalInvalid')
              : t('handoff.arrivalHint')}
        </div>
      )}
    </div>
  );
}
