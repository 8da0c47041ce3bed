const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID: anything else must not reach a uuid column (it would be a 500, not a 404). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
