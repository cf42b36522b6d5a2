/** A fresh in-memory editor database per test file, users of each role, and the organisation of the scopes. */
import { openEditorDatabase } from '../../../src/db/editor/client';
import { useEditorDatabase } from '../../../src/services/editor/db';
import { createUser } from '../../../src/services/editor/users';
import { toPrincipal } from '../../../src/services/editor/users';
import type { Organisation } from '../../../src/services/editor/records';
import type { Actor } from '../../../src/services/editor/audit';

export const SYSTEM: Actor = { userId: null, name: 'test', client: 'test' };
export const PASSWORD = 'korrekt pferd batterie heftklammer';

/** Two inspections in two directorates are enough for every scope rule. */
export const ORG: Organisation = {
  directorates: [
    { id: 'pd-lueneburg', name: 'PD Lüneburg' },
    { id: 'pd-hannover', name: 'PD Hannover' },
  ],
  inspections: [
    { id: 'pi-celle', name: 'PI Celle', directorateId: 'pd-lueneburg' },
    { id: 'pi-hannover-stadt-pi-garbsen-pi-burgdorf', name: 'PI Hannover', directorateId: 'pd-hannover' },
  ],
  directorateOf: new Map([
    ['pi-celle', 'pd-lueneburg'],
    ['pi-hannover-stadt-pi-garbsen-pi-burgdorf', 'pd-hannover'],
  ]),
};

/** An officer of PI Celle (PD Lüneburg) and one of PI Hannover, from the default demo data. */
export const CELLE_OFFICER = 'alexander-peters-232';
export const HANNOVER_OFFICER = 'ahmet-popov-496';

export function freshEditorDb() {
  const db = openEditorDatabase(':memory:');
  useEditorDatabase(db);
  return db;
}

export async function makeUsers() {
  const admin = await createUser({ email: 'admin@test.example', password: PASSWORD, role: 'admin' }, SYSTEM);
  const lueneburg = await createUser({ email: 'lg@test.example', password: PASSWORD, role: 'editor', scopes: ['pd:pd-lueneburg'] }, SYSTEM);
  const hannover = await createUser({ email: 'h@test.example', password: PASSWORD, role: 'editor', scopes: ['pd:pd-hannover'] }, SYSTEM);
  const reviewer = await createUser({ email: 'r@test.example', password: PASSWORD, role: 'reviewer', scopes: ['pd:pd-lueneburg'] }, SYSTEM);
  const p = (row: typeof admin) => ({ principal: toPrincipal(row), actor: { userId: row.id, name: row.email, client: 'test' } });
  return {
    admin: p(admin),
    lueneburg: p(lueneburg),
    hannover: p(hannover),
    reviewer: p(reviewer),
    rows: { admin, lueneburg, hannover, reviewer },
  };
}
