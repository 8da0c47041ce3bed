import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerEnvelope } from 'smtp-server';
import { createSmtpTransport } from './smtp-transport.ts';
import { MailTransportError } from './mail-transport-error.ts';

interface ReceivedMail {
  envelope: SMTPServerEnvelope;
  raw: string;
  user: string | undefined;
}

interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

async function startSmtpServer(options: SMTPServerOptions): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          envelope: session.envelope,
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function listenOnRandomPort(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as { port: number }).port;
}

const message = {
  from: 'Backbeat <noreply@backbeat.test>',
  to: 'listener@example.test',
  subject: 'Your song is ready',
  text: 'Open the studio to hear "Night Drive".',
  html: '<p>Open the studio to hear <b>Night Drive</b>.</p>',
};

describe('SMTP transport against an open server', () => {
  let server: TestSmtpServer;
  before(async () => {
    server = await startSmtpServer({
      authOptional: true,
      onRcptTo(address, _session, callback) {
        if (address.address !== 'nobody@example.test') return callback();
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      },
    });
  });
  after(() => server.close());

  it('delivers the envelope and the message to the server', async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${server.port}`);
    await transport.verify();
    const result = await transport.deliver(message);
    await transport.close();

    assert.equal(server.received.length, 1);
    const [mail] = server.received;
    assert.equal(mail.envelope.mailFrom && mail.envelope.mailFrom.address, 'noreply@backbeat.test');
    assert.deepEqual(
      mail.envelope.rcptTo.map((r) => r.address),
      ['listener@example.test'],
    );
    assert.match(mail.raw, /^Subject: Your song is ready\r?$/m);
    assert.match(mail.raw, /^To: listener@example\.test\r?$/m);
    assert.ok(mail.raw.includes('Open the studio to hear "Night Drive".'), 'plain-text part');
    assert.ok(mail.raw.includes('<b>Night Drive</b>'), 'html part');
    assert.ok(result.messageId, 'message id returned');
    assert.ok(mail.raw.includes(`Message-ID: ${result.messageId}`), 'returned id is the one sent');
  });

  it('reports a rejected recipient as a permanent failure', async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${server.port}`);
    const before = server.received.length;
    await assert.rejects(transport.deliver({ ...message, to: 'nobody@example.test' }), (e: unknown) => {
      assert.ok(e instanceof MailTransportError);
      assert.equal(e.responseCode, 550);
      assert.equal(e.permanent, true);
      assert.match(e.message, /No such mailbox/);
      return true;
    });
    assert.equal(server.received.length, before);
  });

  it('refuses to deliver once closed', async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${server.port}`);
    await transport.close();
    await assert.rejects(transport.deliver(message), /closed/);
  });
});

describe('SMTP transport against a server that requires a login', () => {
  const user = 'mailer';
  // Characters that must be percent-encoded in a URL, to exercise decoding.
  const password = 'hunter2/s3cr#t@pw';
  let server: TestSmtpServer;
  before(async () => {
    server = await startSmtpServer({
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === password) return callback(null, { user: auth.username });
        // Quotes the attempted password back, as careless servers do, so the
        // redaction below has something to remove.
        return callback(new Error(`Invalid credentials ${auth.username}/${auth.password}`));
      },
    });
  });
  after(() => server.close());

  const urlWith = (pass: string) => `smtp://${user}:${encodeURIComponent(pass)}@127.0.0.1:${server.port}`;

  it('rejects wrong credentials with a clear error that does not contain the password', async () => {
    const wrong = 'wrong/pa$$word';
    const transport = createSmtpTransport(urlWith(wrong));
    const error = await transport.deliver(message).then(
      () => assert.fail('delivery should have failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof MailTransportError);
    assert.equal(error.code, 'EAUTH');
    assert.equal(error.responseCode, 535);
    assert.equal(error.permanent, true);
    assert.match(error.message, /^SMTP delivery via 127\.0\.0\.1:\d+ as mailer failed: .*535.*Invalid credentials/);
    assert.ok(!error.message.includes(wrong), `password leaked: ${error.message}`);
    assert.ok(!error.message.includes(encodeURIComponent(wrong)), `encoded password leaked: ${error.message}`);
    assert.ok(!String(error.stack).includes(wrong), 'password leaked in stack');

    await assert.rejects(transport.verify(), (e: unknown) => e instanceof MailTransportError && e.code === 'EAUTH');
    assert.equal(server.received.length, 0);
  });

  it('logs in and delivers with the right credentials', async () => {
    const transport = createSmtpTransport(urlWith(password));
    await transport.verify();
    await transport.deliver(message);
    await transport.close();
    assert.equal(server.received.length, 1);
    assert.equal(server.received[0].user, user);
    assert.match(server.received[0].raw, /^Subject: Your song is ready\r?$/m);
  });
});

describe('SMTP transport when the server is unreachable', () => {
  it('fails verify() quickly against a closed port', async () => {
    const probe = createServer();
    const port = await listenOnRandomPort(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const transport = createSmtpTransport(`smtp://user:topsecret@127.0.0.1:${port}`, { connectionTimeoutMs: 1000 });
    const started = Date.now();
    await assert.rejects(transport.verify(), (e: unknown) => {
      assert.ok(e instanceof MailTransportError);
      assert.match(e.message, new RegExp(`^SMTP check via 127\\.0\\.0\\.1:${port} as user failed: .*ECONNREFUSED`));
      assert.ok(!e.message.includes('topsecret'));
      assert.equal(e.permanent, false);
      return true;
    });
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('gives up on a server that accepts the connection but never greets', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    const port = await listenOnRandomPort(silent);
    try {
      const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`, { connectionTimeoutMs: 300 });
      const started = Date.now();
      await assert.rejects(transport.verify(), (e: unknown) => e instanceof MailTransportError && e.code === 'ETIMEDOUT');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
