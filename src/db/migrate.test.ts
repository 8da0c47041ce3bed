import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDatabase, openPglite } from './create-database.ts';
import { migrate } from './migrate.ts';

test('migrations apply once, then re-running is a no-op', async () => {
  const database = await createDatabase({ pglite: await openPglite(), ownPglite: true });
  try {
    const first = await migrate(database.pool);
    assert.ok(first.length >= 1);
    assert.deepEqual(await migrate(database.pool), []);
    const { rows } = await database.pool.query("SELECT '[1,2,3]'::vector::text AS v");
    assert.equal(rows[0].v, '[1,2,3]');
  } finally {
    await database.close();
  }
});

test('a failing migration rolls back and names itself', async () => {
  const database = await createDatabase({ pglite: await openPglite(), ownPglite: true });
  try {
    await assert.rejects(
      migrate(database.pool, [
        { version: 1, name: 'good', sql: 'CREATE TABLE a (x int)' },
        { version: 2, name: 'bad', sql: 'CREATE TABLE b (x int); SELECT nope FROM nowhere' },
      ]),
      /migration 2_bad failed/,
    );
    const { rows } = await database.pool.query("SELECT to_regclass('b') AS b, to_regclass('a') AS a");
    assert.equal(rows[0].b, null);
    assert.equal(rows[0].a, 'a');
  } finally {
    await database.close();
  }
});
