// Contract fields are camelCase, columns snake_case, the same words: one rule between them, so a
// row can be written from and read into a contract value without listing its fields again.

/** `birthdayCalendar` → `birthday_calendar`, as a type. */
export type Snake<S extends string> = S extends `${infer Head}${infer Tail}` ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Snake<Tail>}` : S;

export function columnOf<F extends string>(field: F): Snake<F> {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) as Snake<F>; // the same rule as the type, on the value
}

/** Values keyed by field, keyed by column instead (db/schema.ts builds table types with it). */
export type ByColumn<T> = { [K in keyof T & string as Snake<K>]: T[K] };

/** The values of `fields` in `values`, keyed by their columns (for an insert or an update). */
export function toColumns<T, F extends keyof T & string>(values: T, fields: readonly F[]): ByColumn<Pick<T, F>> {
  return Object.fromEntries(fields.map((field) => [columnOf(field), values[field]])) as ByColumn<Pick<T, F>>; // one entry per field, named by columnOf
}

/** The values of `fields` read from a row selected with its columns' own names. */
export function fromColumns<R, F extends string>(row: R, fields: readonly F[]): { [K in F]: R[Snake<K> & keyof R] } {
  return Object.fromEntries(fields.map((field) => [field, row[columnOf(field) as Snake<F> & keyof R]])) as { [K in F]: R[Snake<K> & keyof R] }; // one entry per field
}
