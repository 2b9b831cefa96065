import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './types.js';

const STAND_IN = '\u0000prepared-value-';

interface Prepared {
  query: CompiledQuery;
  /** For each compiled parameter, the index of the argument that replaces it, or -1 for a constant. */
  slots: number[];
}

/**
 * Kysely builds and compiles a query on every call; for a wide select that costs more than SQLite takes to run it.
 * A hot query whose shape never changes is built once per database with stand-ins for its arguments; each call
 * swaps the stand-ins among the compiled parameters for its own values. `build` must only pass its arguments on as
 * values (compared, inserted, a limit), never look at them, and use each one at least once.
 */
export function preparedQuery<Args extends unknown[], Row>(build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>) {
  // Per database: a process may hold both engines (tests), whose SQL differs.
  const compiled = new WeakMap<Kysely<Database>, Prepared>();
  const arity = build.length - 1;
  return async (db: Kysely<Database>, ...args: Args): Promise<Row[]> => {
    let prepared = compiled.get(db);
    if (!prepared) {
      const standIns = Array.from({ length: arity }, (_, i) => `${STAND_IN}${i}`) as Args;
      const query = build(db, ...standIns).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(STAND_IN) ? Number(p.slice(STAND_IN.length)) : -1));
      for (let i = 0; i < arity; i++) if (!slots.includes(i)) throw new Error(`preparedQuery: argument ${i + 1} is not a value of the query`);
      prepared = { query, slots };
      compiled.set(db, prepared);
    }
    const { query, slots } = prepared;
    const parameters = slots.map((slot, i) => (slot < 0 ? query.parameters[i] : args[slot]));
    return (await db.executeQuery<Row>({ ...query, parameters } as CompiledQuery<Row>)).rows;
  };
}
