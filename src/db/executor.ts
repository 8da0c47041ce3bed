import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** Where a query runs: the database itself, or a transaction a caller opened (so its writes commit together). */
export type Executor = Kysely<DB> | Transaction<DB>;
