// Sending windows (docs/compliance-windows.md): a Direct SMS follows its agent's profile's
// window, a message of a Smart conversation its queue's; null means no window. The window is a
// small JSON document checked by the domain (src/domain/compliance/window.ts), not columns: it is
// read whole, never queried by its parts. A message's category (NOTIFICATION / MARKETING) comes
// from its template and queue and is stored on the message, so the dispatcher hands the provider
// the category it was planned with.
import { sql, type Kysely } from 'kysely';

const CATEGORY = `text not null default 'NOTIFICATION' check (category in ('NOTIFICATION', 'MARKETING'))`;

const UP: readonly string[] = [
  `alter table profiles add column sending_window jsonb null`,
  `alter table queues add column sending_window jsonb null`,
  `alter table queues add column category ${CATEGORY}`,
  `alter table templates add column category ${CATEGORY}`,
  // A constant default adds the column without rewriting the table; the check is NOT VALID so
  // that millions of existing rows (all 'NOTIFICATION') are not scanned under the lock.
  `alter table messages add column category text not null default 'NOTIFICATION'`,
  `alter table messages add constraint messages_category_check check (category in ('NOTIFICATION', 'MARKETING')) not valid`,
];

const DOWN: readonly string[] = [
  `alter table messages drop column category`,
  `alter table templates drop column category`,
  `alter table queues drop column category`,
  `alter table queues drop column sending_window`,
  `alter table profiles drop column sending_window`,
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const sendingWindows = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
