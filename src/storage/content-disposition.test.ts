import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition, sanitizeFileName } from './content-disposition.ts';

/** Parses the header back the way a browser would, to check what a user ends up with. */
function parse(header: string): { fallback: string; name: string } {
  const match = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
  assert.ok(match, `malformed header: ${header}`);
  return { fallback: match[1], name: decodeURIComponent(match[2]) };
}

describe('contentDisposition', () => {
  it('keeps an ordinary name in both parameters', () => {
    assert.equal(contentDisposition('song.mp3'), `attachment; filename="song.mp3"; filename*=UTF-8''song.mp3`);
  });

  it('gives non-ASCII names an ASCII fallback and a UTF-8 name', () => {
    const { fallback, name } = parse(contentDisposition('Café – Niño 🎵 歌.flac'));
    assert.equal(name, 'Café – Niño 🎵 歌.flac');
    assert.match(fallback, /^[\x20-\x7e]+$/);
    assert.ok(fallback.startsWith('Cafe _ Nino'));
    assert.ok(fallback.endsWith('.flac'));
    assert.equal(parse(contentDisposition('歌曲')).fallback, 'download');
  });

  it('cannot be broken out of by quotes, backslashes, percent signs or CR/LF', () => {
    const header = contentDisposition('a"b\\c%22d\r\nSet-Cookie: x=1\n.wav');
    assert.doesNotMatch(header, /[\r\n]/);
    const { fallback, name } = parse(header);
    assert.equal(fallback, 'a_b_c_22dSet-Cookie: x=1.wav');
    assert.equal(name, 'a"b_c%22dSet-Cookie: x=1.wav');
    assert.equal(parse(contentDisposition("it's (live) *.mp3")).name, "it's (live) *.mp3");
  });

  it('strips path components and leading dots', () => {
    for (const input of ['../../etc/passwd', '..\\..\\boot.ini', '/abs/path.mp3', '....hidden', '.']) {
      const { fallback, name } = parse(contentDisposition(input));
      for (const value of [fallback, name]) {
        assert.doesNotMatch(value, /[/\\]|^\./, `${input} -> ${value}`);
      }
    }
    assert.equal(sanitizeFileName('../../etc/passwd'), '_.._etc_passwd');
    assert.equal(sanitizeFileName('.'), 'download');
  });

  it('removes bidi overrides and invisible format characters', () => {
    const { fallback, name } = parse(contentDisposition('invoice\u202Efdp.exe\u200B\u2066\uFEFF'));
    assert.equal(name, 'invoicefdp.exe');
    assert.equal(fallback, 'invoicefdp.exe');
    assert.equal(sanitizeFileName('\u200F\u202B\u061C'), 'download');
  });

  it('bounds very long names and keeps their extension', () => {
    const { name, fallback } = parse(contentDisposition(`${'x'.repeat(1000)}.wav`));
    assert.equal(name.length, 180);
    assert.ok(name.endsWith('.wav'));
    assert.equal(fallback, name);
    const emoji = sanitizeFileName('🎵'.repeat(1000));
    assert.equal(Array.from(emoji).length, 180);
    assert.doesNotMatch(emoji, /\uFFFD/);
  });

  it('replaces lone surrogates instead of throwing', () => {
    assert.equal(parse(contentDisposition('a\uD800b.mp3')).name, 'a\uFFFDb.mp3');
  });

  it('falls back to a neutral name when nothing usable is left', () => {
    for (const input of ['', '   ', '\u0000\u0001', '...']) {
      assert.equal(parse(contentDisposition(input)).name, 'download', JSON.stringify(input));
    }
  });
});
