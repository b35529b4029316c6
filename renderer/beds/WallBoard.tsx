import { useEffect, useRef } from 'react';
import type { BoardBed, BoardUnit, BoardView } from '../../core/beds/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useShortcut } from '../shell/shortcuts';
import { useApiQuery } from '../useApiQuery';
import { useServerNow } from '../handoff/time';
import { BOARD_TOPICS } from './Board';
import { formatDuration, stayLevel, stayText } from './format';
import type { ConfirmationView } from '../../core/capacity/census';
import { isStale } from '../census/CensusConfirm';

/** Dark while the wall display is up (a lit room at night), the desk's own theme back after. */
function useDarkWhileMounted() {
  useEffect(() => {
    const root = document.documentElement;
    const before = root.getAttribute('data-theme');
    root.setAttribute('data-theme', 'dark');
    root.classList.add('wall-mode');
    // Full screen where the browser allows it (the click on "Wall display" counts as a gesture).
    void root.requestFullscreen?.().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      root.classList.remove('wall-mode');
      if (before === null) root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', before);
    };
  }, []);
}

function WallBed({ bed, unit, board, now }: WallProps & { bed: BoardBed }) {
  const { t } = useI18n();
  const level =
    bed.status === 'occupied' && bed.arrivedAt !== null
      ? stayLevel(unit.kind, now - bed.arrivedAt, board.stayThresholds)
      : 'ok';
  const warning = stayText(level, unit.kind, board.stayThresholds);
  const since = bed.status === 'occupied' ? (bed.arrivedAt ?? bed.statusSince) : bed.statusSince;
  return (
    <li className={`wall-bed bed-${bed.status} stay-${level}`}>
      <span className="wall-bed-label">{bed.label}</span>
      {/* Initials only: the wall is seen by everyone who walks past. */}
      <span className="wall-bed-initials">{bed.initials ?? ''}</span>
      <span className="wall-bed-status">{t(`vocab.bedStatus.${bed.status}`)}</span>
      <span className="wall-bed-time">{formatDuration(now - since)}</span>
      {warning ? <span className={`wall-bed-flag stay-flag-${level}`}>{warning}</span> : null}
    </li>
  );
}

interface WallProps {
  unit: BoardUnit;
  board: BoardView;
  now: number;
}

function WallUnit({ unit, board, now }: WallProps) {
  const { t } = useI18n();
  const titleId = `wall-unit-${unit.id}`;
  return (
    <section className="wall-unit" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {unit.name}{' '}
        <span className="wall-unit-count">
          <strong>{t('wall.available', { count: unit.available })}</strong>{' '}
          {t('wall.ofTotal', { total: unit.total })}
        </span>
      </h2>
      <ul className="wall-beds">
        {unit.beds.map((b) => (
          <WallBed key={b.id} bed={b} unit={unit} board={board} now={now} />
        ))}
      </ul>
    </section>
  );
}

/** The census's age in a word or two, and STALE in the warning colour when it is. */
function WallCensus({ census, now }: { census: ConfirmationView; now: number }) {
  const { t } = useI18n();
  const stale = isStale(census, now);
  return (
    <span className={stale ? 'wall-census census-stale' : 'wall-census'} data-stale={stale}>
      {stale ? <strong>{t('censusConfirm.wallStale')} </strong> : null}
      {census.confirmedAt === null
        ? t('censusConfirm.wallNever')
        : t('censusConfirm.wallConfirmed', { duration: formatDuration(now - census.confirmedAt) })}
    </span>
  );
}

/**
 * The board for a wall monitor: large type, initials only, no names and no controls but exit.
 * Live: the same change events as the desk's board reload it; durations tick on the server clock.
 */
export function WallBoard({ onExit }: { onExit: () => void }) {
  const { t } = useI18n();
  const { facility } = useSession();
  const board = useApiQuery('beds.board', {}, BOARD_TOPICS);
  const data = board.data;
  const now = useServerNow(data?.now, 15_000);
  const exitRef = useRef<HTMLButtonElement>(null);
  useDarkWhileMounted();
  useShortcut('Escape', t('wall.exit'), onExit);
  useEffect(() => exitRef.current?.focus(), []);
  return (
    <main className="wall" aria-labelledby="wall-title">
      <header className="wall-head">
        <h1 id="wall-title">
          {facility.name}
          {data ? (
            <span className={`wall-capacity capacity-${data.capacity.status}`}>
              {t('capacity.title')} {t(`vocab.capacityStatus.${data.capacity.status}`)}
            </span>
          ) : null}
        </h1>
        <p className="wall-meta">
          {data ? (
            <>
              <span>
                {t('wall.available', { count: data.capacity.totals.available })}{' '}
                {t('wall.ofTotal', { total: data.capacity.totals.total })}
              </span>
              <span>{t('wall.officersWaiting', { count: data.capacity.officersWaiting })}</span>
              <span>{t('wall.updated', { time: formatDate(now, facility.timeZone, 'time') })}</span>
              <WallCensus census={data.capacity.census} now={now} />
            </>
          ) : null}
        </p>
        <button type="button" ref={exitRef} className="wall-exit" onClick={onExit}>
          {t('wall.exit')}
        </button>
      </header>
      {board.error ? (
        <p className="wall-error" role="alert">
          {board.error}
        </p>
      ) : null}
      {data ? (
        data.units.length === 0 ? (
          <p>{t('wall.empty')}</p>
        ) : (
          // Units side by side in columns: the whole center on one screen, no scrolling.
          <div className="wall-units">
            {data.units.map((u) => (
              <WallUnit key={u.id} unit={u} board={data} now={now} />
            ))}
          </div>
        )
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </main>
  );
}
