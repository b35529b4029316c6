import { useEffect, useRef, useState } from 'react';
import { actionFor } from '../../core/beds/state-machine';
import type { BoardBed, BoardUnit, BoardView } from '../../core/beds/types';
import type { BedStatus } from '../../core/vocab';
import { api } from '../api/client';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { i18n, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { useNow } from '../useNow';
import { CapacityBanner } from './CapacityBanner';
import { formatDuration, stayLevel, stayText } from './format';
import { OfficersWaiting } from '../handoff/OfficersWaiting';
import { CensusConfirm } from '../census/CensusConfirm';
import { bedReasonLabel } from './reason';

export const BOARD_TOPICS = ['beds', 'units', 'capacity', 'encounters', 'settings'];

/** The server's clock (a desk PC's clock may be off; tests move the server's). */
function useServerNow(board: BoardView | null): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (board) setOffset(board.now - Date.now());
  }, [board]);
  return useNow(15_000) + offset;
}

const bedName = (b: BoardBed) =>
  i18n.t('board.bedName', { label: b.label, status: i18n.t(`vocab.bedStatus.${b.status}`) });

function BedTile({
  bed,
  unit,
  board,
  now,
  selected,
  onSelect,
}: {
  bed: BoardBed;
  unit: BoardUnit;
  board: BoardView;
  now: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const level =
    bed.status === 'occupied' && bed.arrivedAt !== null
      ? stayLevel(unit.kind, now - bed.arrivedAt, board.stayThresholds)
      : 'ok';
  const warning = stayText(level, unit.kind, board.stayThresholds);
  const { t } = useI18n();
  const detailId = `bed-${bed.id}-detail`;
  return (
    <li>
      <button
        type="button"
        className={`bed-tile bed-${bed.status} stay-${level}`}
        aria-label={bedName(bed)}
        aria-describedby={detailId}
        aria-pressed={selected}
        onClick={onSelect}
      >
        <span className="bed-label" aria-hidden="true">
          {bed.label}
        </span>
        <span className="bed-status" aria-hidden="true">
          {t(`vocab.bedStatus.${bed.status}`)}
        </span>
        <span id={detailId} className="bed-detail">
          {bed.status === 'occupied' ? (
            <>
              <span className="bed-initials">{bed.initials ?? '—'}</span>{' '}
              <span>
                {t('board.stay', {
                  duration: formatDuration(now - (bed.arrivedAt ?? bed.statusSince)),
                })}
              </span>
            </>
          ) : (
            <span>
              {bed.status === 'reserved' && bed.initials
                ? t('board.heldFor', { initials: bed.initials })
                : ''}
              {t('board.forDuration', { duration: formatDuration(now - bed.statusSince) })}
            </span>
          )}
          {bed.reason && bed.status !== 'occupied' ? (
            <span> · {bedReasonLabel(bed.reason)}</span>
          ) : null}
          {warning ? <span className={`stay-flag stay-flag-${level}`}> · {warning}</span> : null}
        </span>
      </button>
    </li>
  );
}

type PickLabel =
  | 'board.markAvailable'
  | 'board.markCleaning'
  | 'board.reserve'
  | 'board.takeOutOfService'
  | 'board.releaseReservation';
const PICKS: { to: Exclude<BedStatus, 'occupied'>; label: PickLabel }[] = [
  { to: 'available', label: 'board.markAvailable' },
  { to: 'cleaning', label: 'board.markCleaning' },
  { to: 'reserved', label: 'board.reserve' },
  { to: 'out_of_service', label: 'board.takeOutOfService' },
];

function BedPanel({ bed, onClose }: { bed: BoardBed; onClose: () => void }) {
  const { facility } = useSession();
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const history = useApiQuery('beds.history', { bedId: bed.id }, ['beds']);
  useEffect(() => heading.current?.focus(), [bed.id]);
  const set = async (to: BedStatus) => {
    setError(null);
    const r = await api.call('beds.setStatus', { bedId: bed.id, status: to, reason });
    if (r.ok) setReason('');
    else setError(r.error.message);
  };
  const picks = PICKS.filter((p) => actionFor(bed.status, p.to).ok).map((p) =>
    p.to === 'available' && bed.status === 'reserved'
      ? { ...p, label: 'board.releaseReservation' as const }
      : p,
  );
  return (
    <section className="card bed-panel" aria-labelledby="bed-panel-title">
      <h2 id="bed-panel-title" tabIndex={-1} ref={heading}>
        {t('board.panelTitle', {
          label: bed.label,
          status: t(`vocab.bedStatus.${bed.status}`),
        })}
      </h2>
      <FormError message={error} />
      {bed.status === 'occupied' ? (
        <p>{t('board.occupiedBy', { initials: bed.initials ?? t('board.aPerson') })}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="bed-reason">{t('board.reasonLabel')}</label>
            <input id="bed-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="actions">
            {picks.map((p) => (
              <button key={p.to} type="button" onClick={() => void set(p.to)}>
                {t(p.label)}
              </button>
            ))}
          </div>
        </>
      )}
      <h3>{t('board.history')}</h3>
      <ul className="bed-history">
        {(history.data ?? []).slice(0, 8).map((h, i) => (
          <li key={i}>
            {formatDate(h.at, facility.timeZone, 'shortDateTime')}:{' '}
            {h.from ? t(`vocab.bedStatus.${h.from}`) : t('board.historyNew')} →{' '}
            {t(`vocab.bedStatus.${h.to}`)}
            {h.reason ? ` (${bedReasonLabel(h.reason)})` : ''}
            {h.user ? t('board.historyBy', { user: h.user }) : ''}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {t('board.closeBed', { label: bed.label })}
      </button>
    </section>
  );
}

function UnitSection(props: {
  unit: BoardUnit;
  board: BoardView;
  now: number;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { unit } = props;
  const titleId = `unit-${unit.id}-title`;
  const { t } = useI18n();
  return (
    <section className="unit" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {unit.name} <span className="muted unit-kind">{t(`vocab.unitKind.${unit.kind}`)}</span>
      </h2>
      <p className="unit-counts">
        <strong>{t('board.unitAvailable', { count: unit.available })}</strong>{' '}
        {t('board.unitCounts', {
          total: unit.total,
          occupied: unit.occupied,
          reserved: unit.reserved,
          cleaning: unit.cleaning,
          outOfService: unit.outOfService,
        })}
        {unit.staffedLimit !== null ? t('board.staffedFor', { limit: unit.staffedLimit }) : ''}
        {unit.staffedLimit !== null && unit.vacant > unit.available
          ? t('board.emptyNotStaffed', { count: unit.vacant - unit.available })
          : ''}
      </p>
      <ul className="bed-grid">
        {unit.beds.map((b) => (
          <BedTile
            key={b.id}
            bed={b}
            unit={unit}
            board={props.board}
            now={props.now}
            selected={props.selected === b.id}
            onSelect={() => props.onSelect(b.id)}
          />
        ))}
      </ul>
    </section>
  );
}

/** The live board: every unit and bed, who is where (initials only) and for how long. */
export function Board() {
  const board = useApiQuery('beds.board', {}, BOARD_TOPICS);
  const now = useServerNow(board.data);
  const [selected, setSelected] = useState<number | null>(null);
  const data = board.data;
  const { t } = useI18n();
  const selectedBed = data?.units.flatMap((u) => u.beds).find((b) => b.id === selected) ?? null;
  return (
    <section aria-labelledby="board-title" className="board">
      <div className="board-head">
        <h1 id="board-title">{t('board.title')}</h1>
        <button type="button" onClick={() => (window.location.hash = '#/board/wall')}>
          {t('board.wallButton')}
        </button>
      </div>
      <FormError message={board.error} />
      {data ? (
        <>
          <CapacityBanner capacity={data.capacity} now={now} />
          <CensusConfirm census={data.capacity.census} now={now} />
          <OfficersWaiting />
          {data.units.length === 0 ? <p>{t('board.noUnits')}</p> : null}
          {selectedBed ? (
            <BedPanel
              bed={selectedBed}
              onClose={() => {
                setSelected(null);
                document.getElementById(`bed-${selectedBed.id}-detail`)?.parentElement?.focus();
              }}
            />
          ) : null}
          {data.units.map((u) => (
            <UnitSection
              key={u.id}
              unit={u}
              board={data}
              now={now}
              selected={selected}
              onSelect={setSelected}
            />
          ))}
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
