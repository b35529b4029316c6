import { useState } from 'react';
import { api } from '../api/client';
import type { PossibleMatchView } from '../../core/contract/interchange';
import { formatInTimeZone } from '../format';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { DataTable, Panel } from './parts';

/**
 * The case-management list: people with 3 visits within 30 days. Names are shown only after a
 * deliberate click (each load is an audited read of people's records).
 */
export function RepeatVisitors({ range }: { range: { from: string; to: string } }) {
  const [shown, setShown] = useState(false);
  return (
    <Panel title="Repeat visitors (case management)" definition="repeatVisitors">
      {shown ? (
        <RepeatList range={range} />
      ) : (
        <button type="button" onClick={() => setShown(true)}>
          Show the repeat-visitor list
        </button>
      )}
    </Panel>
  );
}

function RepeatList({ range }: { range: { from: string; to: string } }) {
  const { facility } = useSession();
  const list = useApiQuery('reports.repeatVisitors', range, ['encounters', 'reports']);
  const matches = useApiQuery('reports.possibleMatches', range, ['encounters', 'reports']);
  const day = (ms: number) => formatInTimeZone(ms, facility.timeZone, 'yyyy-MM-dd');
  if (list.error) return <p role="alert">{list.error}</p>;
  if (!list.data) return <p className="muted">Loading…</p>;
  return (
    <>
      {list.data.length === 0 ? (
        <p className="muted">No one had 3 visits within 30 days in this range.</p>
      ) : (
        <DataTable
          open
          spec={{
            caption: 'Repeat visitors',
            header: ['Name', 'Date of birth', 'Visits in range', 'First', 'Last', 'References'],
            rows: list.data.map((p) => [
              `${p.firstName} ${p.lastName}`,
              p.dateOfBirth,
              p.visits,
              day(p.firstArrivedAt),
              day(p.lastArrivedAt),
              p.references.join(' '),
            ]),
            fileName: `repeat-visitors-${range.from}-${range.to}.csv`,
          }}
        />
      )}
      <h3>Possibly the same person</h3>
      <p className="muted">
        Same last name with the same date of birth or the same first name. Your decision is
        remembered and the list above follows it (the repeat-visitor figure stays on exact name and
        date of birth).
      </p>
      {matches.data && matches.data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Person A</th>
              <th scope="col">Person B</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {matches.data.map((m) => (
              <MatchRow key={`${m.keyA}/${m.keyB}`} m={m} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No candidates in this range.</p>
      )}
    </>
  );
}

function MatchRow({ m }: { m: PossibleMatchView }) {
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'same' | 'different' | null) => {
    const r = await api.call('reports.decideMatch', { keyA: m.keyA, keyB: m.keyB, decision });
    setError(r.ok ? null : r.error.message);
  };
  const who = (name: string, dob: string, visits: number) =>
    `${name}, born ${dob} (${visits} visits)`;
  return (
    <tr>
      <td>{who(m.nameA, m.dateOfBirthA, m.visitsA)}</td>
      <td>{who(m.nameB, m.dateOfBirthB, m.visitsB)}</td>
      <td>
        <div className="row-actions">
          {m.decision ? (
            <>
              <span>{m.decision === 'same' ? 'Same person' : 'Not the same'}</span>
              <button type="button" onClick={() => void decide(null)}>
                Undo decision
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={() => void decide('same')}>
                Same person
              </button>
              <button type="button" onClick={() => void decide('different')}>
                Not the same
              </button>
            </>
          )}
        </div>
        {error ? <span role="alert">{error}</span> : null}
      </td>
    </tr>
  );
}
