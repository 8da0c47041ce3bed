import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmEmailMessage } from './confirm-email.ts';
import { resetPasswordMessage } from './reset-password.ts';

describe('mail templates', () => {
  it('put the link in the text and an escaped link in the HTML', () => {
    const link = 'http://localhost:8787/api/auth/confirm?token=abc&x="<b>"';
    const mail = confirmEmailMessage({ to: 'ada@example.test', link, expiresInHours: 24 });
    assert.equal(mail.to, 'ada@example.test');
    assert.ok(mail.text.includes(link));
    assert.ok(mail.html?.includes('token=abc&amp;x=&quot;&lt;b&gt;&quot;'));
    assert.equal(mail.html?.includes('<b>'), false);
    const reset = resetPasswordMessage({ to: 'ada@example.test', link: 'http://x/reset-password?token=t1', token: 't1', expiresInMinutes: 60 });
    assert.ok(reset.text.includes('token=t1'));
    assert.match(reset.subject, /reset/i);
  });
});
