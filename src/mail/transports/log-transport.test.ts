import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogTransport } from './log-transport.ts';
import { createMailTransport } from './index.ts';

describe('log transport', () => {
  it('prints recipient, subject and text to the log', async () => {
    const lines: string[] = [];
    const transport = createLogTransport((line) => lines.push(line));
    await transport.verify();
    const { messageId } = await transport.deliver({
      from: 'noreply@backbeat.test',
      to: 'ada@example.test',
      subject: 'Confirm your e-mail',
      text: 'Open this link:\r\nhttp://localhost:3000/confirm?token=abc',
    });
    await transport.close();

    assert.equal(transport.kind, 'log');
    assert.equal(lines.length, 1);
    const [entry] = lines;
    assert.match(entry, /^mail to ada@example\.test from noreply@backbeat\.test subject "Confirm your e-mail"/);
    assert.ok(messageId && entry.includes(messageId));
    assert.ok(entry.includes('\n  Open this link:\n  http://localhost:3000/confirm?token=abc'), entry);
  });
});

describe('createMailTransport', () => {
  it('chooses SMTP when a URL is configured and the log otherwise', async () => {
    const log = () => {};
    const smtp = createMailTransport({ smtpUrl: 'smtp://127.0.0.1:2525', log });
    assert.equal(smtp.kind, 'smtp');
    await smtp.close();
    assert.equal(createMailTransport({ log }).kind, 'log');
    assert.equal(createMailTransport({ smtpUrl: '', log }).kind, 'log');
  });
});
