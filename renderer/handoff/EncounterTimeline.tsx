import type { EncounterEventView, EncounterView } from '../../core/encounters/types';
import { i18n, useI18n } from '../i18n';
import { fmtDateTime } from './time';
import { describeEvent } from './timeline';

const eventLabel = (kind: string): string =>
  i18n.t(`encounter.events.${kind}` as 'encounter.events.arrived', { defaultValue: kind });

/** Every event of the encounter in order, with who did it. */
export function EncounterTimeline({
  e,
  events,
  tz,
}: {
  e: EncounterView;
  events: readonly EncounterEventView[];
  tz: string;
}) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('encounter.timeline')}</h2>
      <ol className="timeline">
        {events.map((ev) => (
          <li key={ev.id}>
            {/* An arrival corrected later shows when the person really arrived. */}
            <time>
              {fmtDateTime(ev.kind === 'arrived' ? (e.arrivedAt ?? ev.at) : ev.at, tz)}
            </time>{' '}
            <strong>{eventLabel(ev.kind)}</strong>{' '}
            <span className="muted">
              {t('encounter.by', { name: ev.userName ?? t('encounter.theSystem') })}
            </span>
            {describeEvent(ev, tz) ? <div>{describeEvent(ev, tz)}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
