/** The UTC calendar month of an instant as 'YYYY-MM', and when the next one starts (the allowance resets then). */
export function playMonth(at: Date): { month: string; resetsAt: Date } {
  return {
    month: at.toISOString().slice(0, 7),
    resetsAt: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)),
  };
}
