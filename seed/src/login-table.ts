/** A demo login, as printed after seeding. */
export interface LoginRow {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  /** Human name of the jurisdiction ("India", "Pune", "AC 210 Kothrud"). */
  readonly jurisdiction: string;
}

/**
 * One line per user, exactly `  <username> / <password>  (<role>, <jurisdiction>)`.
 * The e2e tests parse this format; the api's start script prints the same table.
 */
export function formatLoginTable(users: readonly LoginRow[]): string {
  return users.map((u) => `  ${u.username} / ${u.password}  (${u.role}, ${u.jurisdiction})`).join('\n');
}
