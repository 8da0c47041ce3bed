import assert from 'node:assert/strict';
import { test } from 'node:test';

import { asciiBytes, concatBytes } from '../testing/wav-bytes.ts';
import { detectAudioFormat } from './index.ts';
import { id3v2TagLength, parseMpegFrameHeader } from './mpeg-header.ts';

/** MPEG-1 layer III, 128 kbps, 44.1 kHz, stereo, no padding: 417-byte frames. */
function mpegFrame(): Uint8Array {
  const frame = new Uint8Array(417);
  frame.set([0xff, 0xfb, 0x90, 0x04]);
  return frame;
}

test('recognizes WAV, RF64 and BW64 by their magic numbers', () => {
  for (const magic of ['RIFF', 'RF64', 'BW64']) {
    assert.equal(detectAudioFormat(asciiBytes(`${magic}\0\0\0\0WAVEfmt `)), 'wav');
  }
  assert.equal(detectAudioFormat(asciiBytes('RIFF\0\0\0\0AVI LIST')), null);
});

test('recognizes FLAC, also behind an ID3v2 tag', () => {
  assert.equal(detectAudioFormat(asciiBytes('fLaC\0\0\0\x22')), 'flac');
  const tag = concatBytes([asciiBytes('ID3'), new Uint8Array([4, 0, 0, 0, 0, 0, 20]), new Uint8Array(20)]);
  assert.equal(id3v2TagLength(tag), 30);
  assert.equal(detectAudioFormat(concatBytes([tag, asciiBytes('fLaC')])), 'flac');
  assert.equal(detectAudioFormat(concatBytes([tag, mpegFrame()])), 'mp3');
  assert.equal(detectAudioFormat(tag.subarray(0, 10)), 'mp3');
});

test('accepts MPEG audio only with a valid header and a consecutive second frame', () => {
  const frame = mpegFrame();
  assert.equal(parseMpegFrameHeader(frame)?.frameBytes, 417);
  assert.equal(detectAudioFormat(concatBytes([frame, frame, frame])), 'mp3');
  // One frame with nothing after it is all a short head can show.
  assert.equal(detectAudioFormat(frame), 'mp3');
  // A second frame that is not there (text instead) means the sync was chance.
  assert.equal(detectAudioFormat(concatBytes([frame, asciiBytes('hello world')])), null);
  // Reserved bitrate, reserved rate, reserved layer, free format.
  for (const [b1, b2] of [[0xfb, 0xf0], [0xfb, 0x9c], [0xf9, 0x90], [0xfb, 0x00]]) {
    assert.equal(detectAudioFormat(new Uint8Array([0xff, b1!, b2!, 0x04])), null);
  }
});

test('rejects text formats and tiny inputs', () => {
  for (const text of ['<!DOCTYPE html>', '<svg xmlns="http://www.w3.org/2000/svg"/>', '#EXTM3U\n', '{"a":1}', '']) {
    assert.equal(detectAudioFormat(asciiBytes(text)), null);
  }
  assert.equal(detectAudioFormat(new Uint8Array([0xff])), null);
});
