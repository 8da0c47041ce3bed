import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectImageType } from './detect-image-type.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

test('recognises the accepted formats by their first bytes', () => {
  assert.equal(detectImageType(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13]))?.mime, 'image/png');
  assert.equal(detectImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))?.ext, 'jpg');
  assert.equal(detectImageType(bytes('GIF89a'))?.mime, 'image/gif');
  assert.equal(detectImageType(bytes('GIF87a'))?.mime, 'image/gif');
  assert.equal(detectImageType(bytes('RIFF', [1, 2, 3, 4], 'WEBP'))?.mime, 'image/webp');
});

test('refuses look-alikes and markup whatever they are called', () => {
  for (const head of [
    bytes('<svg xmlns="http://www.w3.org/2000/svg">'),
    bytes('<?xml version="1.0"?><svg'),
    bytes('<!DOCTYPE html><html>'),
    bytes('hello, I am a png'),
    bytes('RIFF', [1, 2, 3, 4], 'WAVE'), // a WAV file is RIFF too
    bytes([0x89], 'PNG'), // truncated signature
    bytes('GIF90a'),
    bytes(),
  ]) {
    assert.equal(detectImageType(head), null, head.toString('latin1'));
  }
});
