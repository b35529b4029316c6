import { useState } from 'react';
import type { IntakeNoteView } from '../../core/follow-up/types';
import { api } from '../api/client';
import { Field, FormError, TextAreaField } from '../components/Field';
import { MatchesTable } from '../dashboard/RepeatVisitors';
import { fmtDateTime } from '../handoff/time';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { outcomeLabel } from './outcomes';
import { localDay, addDays } from '../../core/reports/range';
import { TableHead } from '../components/TableHead';
import { submitWith } from '../components/Forms';

const TOPICS = ['followUps', 'encounters', 'reports'] as const;

function NoteEditor({
  personKey,
  note,
  onDone,
}: {
  personKey: string;
  note?: IntakeNoteView;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(note?.text ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const idp = note ? `note-${note.id}` : 'note-new';
  const fail = (r: { ok: false; error: { message: string; fields?: Record<string, string> } }) => {
    setErrors(r.error.fields ?? {});
    setError(r.error.fields ? null : r.error.message);
  };
  const save = async () => {
    const r = note
      ? await api.call('notes.edit', { noteId: note.id, version: note.version, text })
      : await api.call('notes.add', { personKey, text });
    if (!r.ok) return fail(r);
    setErrors({});
    setError(null);
    if (!note) setText('');
    onDone();
  };
  const remove = async () => {
    if (!note) return;
    const r = await api.call('notes.remove', { noteId: note.id, version: note.version, reason });
    if (!r.ok) return fail(r);
    onDone();
  };
  return (
    <form className="inline-form" onSubmit={submitWith(save)}>
      <FormError message={error} />
      <TextAreaField
        id={`${idp}-text`}
        grow
        label={note ? t('people.editNote') : t('people.newNote')}
        value={text}
        rows={2}
        error={errors.text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">{note ? t('people.saveNote') : t('people.addNote')}</button>
      {note ? (
        <>
          <Field
            id={`${idp}-reason`}
            label={t('people.removeReason')}
            value={reason}
            error={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="button" onClick={() => void remove()}>
            {t('people.removeNote')}
          </button>
        </>
      ) : null}
    </form>
  );
}

/** One person's visits, dispositions, follow-up outcomes, repeat-visit figures and notes. */
export function PersonView({ input }: { input: { personKey: string } | { encounterId: number } }) {
  const { t } = useI18n();
  const { facility } = useSession();
  const tz = facility.timeZone;
  const q = useApiQuery('people.get', input, TOPICS);
  if (!q.data) return <FormError message={q.error} />;
  const p = q.data;
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || t('encounter.unknown');
  return (
    <section aria-labelledby="person-title">
      <p>
        <a href="#/people">{t('people.back')}</a>
      </p>
      <h1 id="person-title">
        {name} <span className="muted">{p.dateOfBirth ?? ''}</span>
      </h1>
      <dl className="facts card">
        <dt>{t('people.visits')}</dt>
        <dd>{p.repeat.visits}</dd>
        <dt>{t('people.last30')}</dt>
        <dd>{p.repeat.visitsLast30Days}</dd>
        <dt>{t('people.last90')}</dt>
        <dd>{p.repeat.visitsLast90Days}</dd>
        <dt>{t('people.pattern')}</dt>
        <dd>{p.repeat.repeatPattern ? t('common.yes') : t('common.no')}</dd>
      </dl>
      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title">{t('people.notesTitle')}</h2>
        <p className="muted">{t('people.notesIntro')}</p>
        {p.notes.map((n) => (
          <div key={n.id} className="intake-note">
            <p>
              <strong>{n.text}</strong>{' '}
              <span className="muted">
                {t('people.noteBy', {
                  name: n.author ?? t('encounter.theSystem'),
                  when: fmtDateTime(n.updatedAt, tz),
                  version: n.version,
                })}
              </span>
            </p>
            <NoteEditor personKey={p.personKey} note={n} onDone={q.reload} />
          </div>
        ))}
        <NoteEditor personKey={p.personKey} onDone={q.reload} />
      </section>
      <section className="card" aria-labelledby="visits-title">
        <h2 id="visits-title">{t('people.encountersTitle')}</h2>
        <table className="table">
          <caption className="sr-only">{t('people.encountersTitle')}</caption>
          <TableHead
            columns={[
              t('people.colReference'),
              t('people.colArrived'),
              t('people.colDisposition'),
              t('people.colFollowUp'),
            ]}
          />
          <tbody>
            {p.encounters.map((e) => (
              <tr key={e.id}>
                <td>{e.reference}</td>
                <td>{fmtDateTime(e.arrivedAt, tz)}</td>
                <td>
                  {e.disposition
                    ? vocabLabel('disposition', e.disposition)
                    : vocabLabel('encounterStatus', e.status)}
                  {e.appointmentAt !== null ? (
                    <div className="muted">
                      {t('followUps.appointment', {
                        when: fmtDateTime(e.appointmentAt, tz),
                        kind: e.appointmentKind
                          ? t(`followUps.kind.${e.appointmentKind}` as 'followUps.kind.other')
                          : '',
                        provider: e.appointmentProvider ?? '',
                      })}
                    </div>
                  ) : null}
                </td>
                <td>
                  {e.consent ? (
                    <div>{t(`followUps.consent.${e.consent}` as 'followUps.consent.yes')}</div>
                  ) : null}
                  {e.attempts.length === 0 ? (
                    <span className="muted">
                      {e.contacts.length > 0 ? t('followUps.noAttemptYet') : '—'}
                    </span>
                  ) : (
                    <ul className="plain">
                      {e.attempts.map((a) => (
                        <li key={a.id}>
                          {fmtDateTime(a.at, tz)} — {outcomeLabel(a.outcome)}
                          {a.note ? ` · ${a.note}` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** Case management: the repeat-visitor and possible-match lists, each person a link. */
function CaseLists() {
  const { t } = useI18n();
  const { facility } = useSession();
  const [range] = useState(() => {
    const today = localDay(Date.now(), facility.timeZone);
    return { from: addDays(today, -89), to: today };
  });
  const list = useApiQuery('reports.repeatVisitors', range, TOPICS);
  const matches = useApiQuery('reports.possibleMatches', range, TOPICS);
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <p className="muted">{t('people.intro', { from: range.from, to: range.to })}</p>
      <section className="card" aria-labelledby="repeat-list-title">
        <h2 id="repeat-list-title">{t('repeat.title')}</h2>
        <FormError message={list.error} />
        {list.data && list.data.length === 0 ? <p className="muted">{t('repeat.none')}</p> : null}
        <ul className="plain">
          {(list.data ?? []).map((p) => (
            <li key={p.personKey}>
              <a href={`#/people/${encodeURIComponent(p.personKey)}`}>
                {p.firstName} {p.lastName}
              </a>{' '}
              <span className="muted">
                {p.dateOfBirth} · {t('people.visitsN', { count: p.visits })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="matches-title">
        <h2 id="matches-title">{t('repeat.possibly')}</h2>
        <p className="muted">{t('repeat.possiblyIntro')}</p>
        <MatchesTable matches={matches.data} />
      </section>
    </section>
  );
}

/** `#/people` (the lists), `#/people/<key>` or `#/people/encounter/<id>` (one person). */
export function PeopleScreen() {
  const route = window.location.hash.replace(/^#\/?/, '').split('/');
  const [, a, b] = route;
  if (a === 'encounter' && b) return <PersonView input={{ encounterId: Number(b) }} />;
  if (a) return <PersonView key={a} input={{ personKey: decodeURIComponent(a) }} />;
  return <CaseLists />;
}
