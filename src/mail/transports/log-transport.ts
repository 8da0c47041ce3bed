import { randomUUID } from 'node:crypto';
import type { MailMessage, MailTransport } from './types.ts';

/**
 * Embedded mode: nothing is sent; each message is written to the log so a
 * person running locally can read sign-up links and receipts there.
 */
export function createLogTransport(log: (line: string) => void): MailTransport {
  return {
    kind: 'log',

    async deliver(message: MailMessage) {
      const messageId = `<${randomUUID()}@backbeat.log>`;
      const body = message.text.replace(/\r\n/g, '\n').split('\n').map((line) => `  ${line}`).join('\n');
      log(`mail to ${message.to} from ${message.from} subject ${JSON.stringify(message.subject)} id ${messageId}\n${body}`);
      return { messageId };
    },

    async verify() {},

    async close() {},
  };
}
