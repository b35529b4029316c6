import { useApiQuery } from '../useApiQuery';
import { useI18n } from '../i18n';

/**
 * On the Handoff screen: a case manager's notes for the person intake is typing in (same first
 * name, last name and date of birth as an earlier visit). Nothing shows until all three match.
 */
export function IntakeNotesBanner({
  firstName,
  lastName,
  dateOfBirth,
}: {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
}) {
  const { t } = useI18n();
  const complete =
    !!firstName?.trim() && !!lastName?.trim() && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth ?? '');
  if (!complete) return null;
  return (
    <Notes
      firstName={firstName!}
      lastName={lastName!}
      dateOfBirth={dateOfBirth!}
      label={t('people.intakeNotes')}
    />
  );
}

function Notes(p: { firstName: string; lastName: string; dateOfBirth: string; label: string }) {
  const q = useApiQuery(
    'notes.forIntake',
    { firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth },
    ['followUps'],
  );
  if (!q.data || q.data.length === 0) return null;
  return (
    <aside className="card intake-notes" aria-label={p.label} role="note">
      <h2>{p.label}</h2>
      <ul>
        {q.data.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
      </ul>
    </aside>
  );
}
