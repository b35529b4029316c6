import { describe, expect, it } from 'vitest';
import { consented, useFollowUpBackend } from '../helpers/follow-ups';

const f = useFollowUpBackend();

describe('person view and f.intake notes', () => {
  it('shows every visit with its follow-up, and the note reaches the next handoff', async () => {
    const first = await f.accepted();
    await f.discharge(first.id, consented());
    const second = await f.accepted();
    const view = await f.t.must('people.get', { encounterId: second.id }, f.cm);
    expect(view.encounters.map((x) => x.reference)).toEqual([second.reference, first.reference]);
    expect(view.encounters[1]!.contacts.map((c) => c.status)).toEqual(['open', 'open']);
    expect(view.repeat.visits).toBe(2);
    expect((await f.t.call('people.get', { personKey: view.personKey }, f.intake)).ok).toBe(false);

    const note = await f.t.must(
      'notes.add',
      { personKey: view.personKey, text: 'Responds well to female staff' },
      f.cm,
    );
    const edited = await f.t.must(
      'notes.edit',
      {
        noteId: note.id,
        version: 1,
        text: 'Responds well to female staff; crisis plan with Dr. X',
      },
      f.cm,
    );
    expect(edited.versions.map((v) => v.version)).toEqual([1, 2]);
    const stale = await f.t.call('notes.edit', { noteId: note.id, version: 1, text: 'x' }, f.cm);
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const seen = await f.t.must(
      'notes.forIntake',
      { firstName: ' rosa ', lastName: 'DIAZ', dateOfBirth: '1980-02-03' },
      f.intake,
    );
    expect(seen.map((n) => n.text)).toEqual([
      'Responds well to female staff; crisis plan with Dr. X',
    ]);
    const noReason = await f.t.call(
      'notes.remove',
      { noteId: note.id, version: 2, reason: ' ' },
      f.cm,
    );
    expect(!noReason.ok && noReason.error.fields?.reason).toBe('Say why the note is removed');
    await f.t.must('notes.remove', { noteId: note.id, version: 2, reason: 'Outdated' }, f.cm);
    expect(
      await f.t.must(
        'notes.forIntake',
        { firstName: 'Rosa', lastName: 'Diaz', dateOfBirth: '1980-02-03' },
        f.intake,
      ),
    ).toEqual([]);
    // Versions are kept and cannot be rewritten.
    expect(() => f.t.db.prepare('DELETE FROM intake_note_versions').run()).toThrow(/kept/);
    const long = await f.t.call(
      'notes.add',
      { personKey: view.personKey, text: 'x'.repeat(5000) },
      f.cm,
    );
    expect(!long.ok && long.error.fields?.text).toMatch(/at most 500/);
  });
});
