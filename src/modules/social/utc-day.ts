/** The UTC calendar day of an instant, as 'YYYY-MM-DD'. Streaks and play months are counted in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
