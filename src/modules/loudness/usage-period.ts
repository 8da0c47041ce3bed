/** The calendar month (UTC) that `at` falls in: its first day as 'YYYY-MM-DD', and when the next one starts. */
export function usagePeriod(at: Date = new Date()): { period: string; resetsAt: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const resetsAt = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { period: start.toISOString().slice(0, 10), resetsAt };
}
