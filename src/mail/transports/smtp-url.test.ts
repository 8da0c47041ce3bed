import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSmtpUrl } from './smtp-url.ts';

describe('parseSmtpUrl', () => {
  it('reads host, port and decoded credentials from smtp://', () => {
    assert.deepEqual(parseSmtpUrl('smtp://me%40example.com:p%2Fw%3Ad@mail.example.com:2525'), {
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'me@example.com', pass: 'p/w:d' },
      secrets: ['p/w:d', 'p%2Fw%3Ad'],
    });
  });

  it('uses implicit TLS and port 465 for smtps://, 587 for smtp://', () => {
    const secure = parseSmtpUrl('smtps://u:p@mail.example.com');
    assert.equal(secure.secure, true);
    assert.equal(secure.port, 465);
    assert.equal(parseSmtpUrl('smtp://mail.example.com').port, 587);
  });

  it('has no auth when the URL carries no credentials', () => {
    const endpoint = parseSmtpUrl('smtp://127.0.0.1:25');
    assert.equal(endpoint.auth, undefined);
    assert.deepEqual(endpoint.secrets, []);
  });

  it('strips the brackets of an IPv6 host', () => {
    assert.equal(parseSmtpUrl('smtp://[::1]:25').host, '::1');
  });

  it('rejects other schemes, paths and query parameters without echoing the URL', () => {
    for (const url of [
      'http://u:hunter2@mail.example.com',
      'smtp://u:hunter2@mail.example.com/path',
      'smtp://u:hunter2@mail.example.com?tls=off',
      'smtp://u:hunter2@exa mple.com',
      'smtp://u:hunter2%zz@mail.example.com',
    ]) {
      assert.throws(
        () => parseSmtpUrl(url),
        (e: unknown) => e instanceof Error && /SMTP URL/.test(e.message) && !e.message.includes('hunter2'),
        url,
      );
    }
  });
});
