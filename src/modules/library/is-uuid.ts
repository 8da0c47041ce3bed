const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive as free text in URLs; anything that isn't a UUID can't name a song (and would make Postgres throw). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
