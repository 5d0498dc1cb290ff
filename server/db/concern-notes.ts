import type { Kysely } from 'kysely';
import { isUniqueViolation } from './unique-violation.js';

export interface ConcernNotesTable {
  concern_notes: { id: string; concern_id: string; key: string; account_id: string; text: string; at: string };
}
type Note = ConcernNotesTable['concern_notes'];

/** Internal notes per concern report (migration 0010); a repeated key returns the first note. */
export function concernNotes(db: Kysely<ConcernNotesTable>) {
  return {
    async add(note: Note): Promise<Note> {
      try {
        await db.insertInto('concern_notes').values(note).execute();
        return note;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        return db
          .selectFrom('concern_notes')
          .selectAll()
          .where('concern_id', '=', note.concern_id)
          .where('key', '=', note.key)
          .executeTakeFirstOrThrow();
      }
    },
    list(concernId: string): Promise<Note[]> {
      return db.selectFrom('concern_notes').selectAll().where('concern_id', '=', concernId).orderBy('at').orderBy('id').execute();
    },
  };
}
