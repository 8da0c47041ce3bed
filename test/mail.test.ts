// The outbox: mail is queued in the caller's transaction and delivered by the mail.deliver job.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createMailer } from '../src/mail/mailer.ts';
import { MailTransportError, type MailMessage, type MailTransport } from '../src/mail/transports/index.ts';
import { createUser } from '../src/modules/auth/create-user.ts';
import { sendConfirmationEmail } from '../src/modules/auth/send-confirmation-email.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

function fakeTransport(behaviour: () => Promise<void> = async () => {}): MailTransport & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    kind: 'smtp',
    sent,
    async deliver(message) {
      await behaviour();
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
    async verify() {},
    async close() {},
  };
}

async function count(t: TestApp, table: 'mail_outbox' | 'jobs' | 'users'): Promise<number> {
  const row = await t.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('mail outbox in a transaction', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it('leaves no user, outbox row or job when the sign-up transaction rolls back', async () => {
    await assert.rejects(
      createUser(t.ctx, { email: 'rolled-back@example.test', password: 'long enough pass' }, async (trx, user) => {
        await sendConfirmationEmail(t.ctx, trx, user);
        assert.equal(
          Number((await trx.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
          1,
          'the row exists inside the transaction',
        );
        throw new Error('forced failure after the insert');
      }),
      /forced failure/,
    );
    assert.equal(await count(t, 'users'), 0);
    assert.equal(await count(t, 'mail_outbox'), 0);
    assert.equal(await count(t, 'jobs'), 0);
    const boss = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.deliver'`.execute(t.ctx.database.db);
    assert.equal(boss.rows[0].n, 0, 'no pg-boss job either');
  });

  it('queues exactly one row and one job for a committed sign-up', async () => {
    const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: 'kept@example.test', password: 'long enough pass' } });
    assert.equal(res.statusCode, 201);
    const rows = await t.ctx.database.db.selectFrom('mail_outbox').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, 'pending');
    const jobs = await t.ctx.database.db.selectFrom('jobs').select('queue').execute();
    assert.deepEqual(jobs.map((j) => j.queue), ['mail.deliver']);
  });

  it('delivers once, marks the row sent and ignores a second run', async () => {
    const transport = fakeTransport();
    const mailer = createMailer({ database: t.ctx.database, transport, from: 'Backbeat <no-reply@test>', jobs: t.ctx.jobs, log: t.ctx.log });
    const { id } = await mailer.send(t.ctx.database.db, { to: 'x@example.test', subject: 'Hello', text: 'Body', html: '<p>Body</p>' });
    assert.equal(await mailer.deliver(id), 'sent');
    assert.equal(await mailer.deliver(id), 'skipped');
    assert.equal(transport.sent.length, 1);
    assert.deepEqual(transport.sent[0], { from: 'Backbeat <no-reply@test>', to: 'x@example.test', subject: 'Hello', text: 'Body', html: '<p>Body</p>' });
    const row = await t.ctx.database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.ok(row.sent_at);
    assert.equal(row.attempts, 1);
  });

  it('marks a permanently rejected message failed and keeps a transient failure pending for a retry', async () => {
    const rejecting = fakeTransport(async () => {
      throw new MailTransportError('550 mailbox unavailable', { responseCode: 550 });
    });
    const mailer = createMailer({ database: t.ctx.database, transport: rejecting, from: 'a@test', jobs: t.ctx.jobs, log: t.ctx.log });
    const { id } = await mailer.send(t.ctx.database.db, { to: 'gone@example.test', subject: 's', text: 't' });
    assert.equal(await mailer.deliver(id), 'failed');
    const failed = await t.ctx.database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(failed.status, 'failed');
    assert.match(failed.last_error ?? '', /550/);

    const flaky = fakeTransport(async () => {
      throw new MailTransportError('connection reset', { code: 'ECONNRESET' });
    });
    const retrying = createMailer({ database: t.ctx.database, transport: flaky, from: 'a@test', jobs: t.ctx.jobs, log: t.ctx.log });
    const second = await retrying.send(t.ctx.database.db, { to: 'later@example.test', subject: 's', text: 't' });
    await assert.rejects(retrying.deliver(second.id), /connection reset/);
    const pending = await t.ctx.database.db.selectFrom('mail_outbox').selectAll().where('id', '=', second.id).executeTakeFirstOrThrow();
    assert.equal(pending.status, 'pending');
    assert.match(pending.last_error ?? '', /connection reset/);
  });
});

describe('mail.deliver job', () => {
  it('is picked up by the workers and marks the row sent (log transport)', async () => {
    const t = await createTestApp({ workers: true });
    try {
      const res = await t.request({ method: 'POST', url: '/api/auth/signup', body: { email: 'worker@example.test', password: 'long enough pass' } });
      assert.equal(res.statusCode, 201);
      const deadline = Date.now() + 20_000;
      let status = 'pending';
      while (status !== 'sent' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await t.ctx.database.db.selectFrom('mail_outbox').select('status').executeTakeFirstOrThrow()).status;
      }
      assert.equal(status, 'sent');
    } finally {
      await t.close();
    }
  });
});
