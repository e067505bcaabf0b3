import { sql, type RawBuilder } from 'kysely';

/*
 * Long value lists as ONE array parameter instead of one parameter per value: `serial in ($1, …,
 * $10000)` costs the database a parse, a bind and a plan per value (PGlite: 4 s for the demo's
 * 31,000 units), `serial = any($1::text[])` one. Both PGlite and pg send a JS array as a
 * PostgreSQL array.
 */

/** `column = any(:values)`: use as `.where('serial', '=', anyOf(serials, 'text'))`. */
export function anyOf<T extends string | number>(values: readonly T[], type: 'text' | 'bigint' | 'int'): RawBuilder<T> {
  return sql<T>`any(${sql.val(values)}::${sql.raw(type)}[])`;
}
