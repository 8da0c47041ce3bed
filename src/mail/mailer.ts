// The outbox: a message is a `mail_outbox` row plus a `mail.deliver` job, both written through the
// caller's executor. Inside a transaction they commit or roll back with the rows that caused them,
// so a failed sign-up never mails anyone and a committed one always does (at least once).
import type { Logger } from 'pino';
import type { AppContext } from '../app-context.ts';
import type { Database } from '../db/create-database.ts';
import type { JobQueue } from '../jobs/types.ts';
import type { Executor } from '../db/executor.ts';
import { MailTransportError, type MailTransport } from './transports/index.ts';

export const MAIL_DELIVER_QUEUE = 'mail.deliver';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Queues `mail` through `executor` (pass the open transaction); returns the outbox row id. */
  send(executor: Executor, mail: OutgoingMail): Promise<{ id: string }>;
  /** Delivers one outbox row now; a row that is no longer pending is left alone. */
  deliver(outboxId: string): Promise<'sent' | 'skipped' | 'failed'>;
  /** Marks a row failed for good (retries exhausted or a permanent SMTP error). */
  markFailed(outboxId: string, error: string): Promise<void>;
  /** The transport in use (for a health check or an operator's `verify()`). */
  transport: MailTransport;
}

export interface CreateMailerOptions {
  database: Database;
  transport: MailTransport;
  from: string;
  jobs: JobQueue;
  log: Logger;
}

interface DeliverJobData {
  outboxId: string;
}

// Error text stored on the row is for operators; keep it bounded.
const MAX_ERROR_LENGTH = 1000;

export function createMailer({ database, transport, from, jobs, log }: CreateMailerOptions): Mailer {
  const db = database.db;

  async function markFailed(outboxId: string, error: string): Promise<void> {
    await db
      .updateTable('mail_outbox')
      .set({ status: 'failed', last_error: error.slice(0, MAX_ERROR_LENGTH) })
      .where('id', '=', outboxId)
      .where('status', '=', 'pending')
      .execute();
  }

  return {
    transport,

    async send(executor, mail) {
      const row = await executor
        .insertInto('mail_outbox')
        .values({ to_address: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const data: DeliverJobData = { outboxId: row.id };
      await jobs.enqueue(executor, MAIL_DELIVER_QUEUE, data);
      return { id: row.id };
    },

    async deliver(outboxId) {
      // Counting the attempt first also tells us whether the row is still pending: a second run of
      // the same job (jobs are at-least-once) finds it sent and does nothing.
      const row = await db
        .updateTable('mail_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', outboxId)
        .where('status', '=', 'pending')
        .returning(['id', 'to_address', 'subject', 'text_body', 'html_body'])
        .executeTakeFirst();
      if (!row) return 'skipped';
      try {
        await transport.deliver({
          from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          ...(row.html_body !== null ? { html: row.html_body } : {}),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof MailTransportError && err.permanent) {
          // The server refused this message (5xx); sending it again would fail the same way.
          await markFailed(outboxId, message);
          log.warn({ outboxId, err: message }, 'mail rejected permanently');
          return 'failed';
        }
        await db
          .updateTable('mail_outbox')
          .set({ last_error: message.slice(0, MAX_ERROR_LENGTH) })
          .where('id', '=', outboxId)
          .execute();
        throw err;
      }
      await db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: new Date(), last_error: null })
        .where('id', '=', outboxId)
        .where('status', '=', 'pending')
        .execute();
      return 'sent';
    },

    markFailed,
  };
}

/** Registers the `mail.deliver` handler; a message whose retries all failed is marked failed. */
export function registerMailJobs(ctx: AppContext): void {
  ctx.jobs.work<DeliverJobData>(MAIL_DELIVER_QUEUE, async (job) => ctx.mail.deliver(job.data.outboxId), {
    onFinalFailure: async (job) => ctx.mail.markFailed(job.data.outboxId, job.error),
  });
}
