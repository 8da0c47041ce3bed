import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniffAudioFormat } from './download-audio.ts';
import { parseMusicgptEvent } from './musicgpt/parse-musicgpt-event.ts';
import { parsePiapiEvent } from './piapi/parse-piapi-event.ts';
import { WebhookPayloadError } from './types.ts';

test('PiAPI: a completed task gives one completed take per song; the key is (task, status)', () => {
  const event = parsePiapiEvent({
    timestamp: 1,
    data: { task_id: 'T', status: 'Completed', output: { songs: [{ id: 'a', song_path: 'https://cdn/a.mp3' }, { id: 'b', song_path: 'https://cdn/b.mp3' }] } },
  });
  assert.equal(event.eventKey, 'T:completed');
  assert.deepEqual(event.outcomes.map((o) => [o.externalId, o.state, o.audioUrl]), [
    ['piapi:T:0', 'completed', 'https://cdn/a.mp3'],
    ['piapi:T:1', 'completed', 'https://cdn/b.mp3'],
  ]);
  const short = parsePiapiEvent({ data: { task_id: 'T', status: 'completed', output: { songs: [{ song_path: 'https://cdn/a.mp3' }] } } });
  assert.equal(short.outcomes[1].state, 'failed');
  const failed = parsePiapiEvent({ data: { task_id: 'T', status: 'failed', error: { message: 'nope' } } });
  assert.deepEqual(failed.outcomes.map((o) => [o.state, o.error]), [['failed', 'nope'], ['failed', 'nope']]);
  assert.ok(parsePiapiEvent({ data: { task_id: 'T', status: 'processing' } }).outcomes.every((o) => o.state === 'processing'));
  assert.throws(() => parsePiapiEvent({ hello: 1 }), WebhookPayloadError);
});

test('MusicGPT: one conversion per delivery, or both at once', () => {
  const one = parseMusicgptEvent({ task_id: 'T', conversion_id: 'c1', status: 'COMPLETED', conversion_path: 'https://cdn/1.mp3' });
  assert.deepEqual(one.outcomes.map((o) => [o.externalId, o.state]), [['musicgpt:c1', 'completed']]);
  const both = parseMusicgptEvent({ task_id: 'T', conversion_id_1: 'c1', conversion_id_2: 'c2', conversion_path_1: 'https://cdn/1.mp3', conversion_path_2: 'https://cdn/2.mp3' });
  assert.deepEqual(both.outcomes.map((o) => [o.externalId, o.state, o.audioUrl]), [
    ['musicgpt:c1', 'completed', 'https://cdn/1.mp3'],
    ['musicgpt:c2', 'completed', 'https://cdn/2.mp3'],
  ]);
  assert.notEqual(one.eventKey, both.eventKey);
  assert.equal(parseMusicgptEvent({ task_id: 'T', conversion_id: 'c1', status: 'FAILED' }).outcomes[0].state, 'failed');
  assert.equal(parseMusicgptEvent({ task_id: 'T', conversion_id: 'c1', status: 'IN_QUEUE' }).outcomes[0].state, 'processing');
  assert.throws(() => parseMusicgptEvent({ task_id: 'T' }), WebhookPayloadError);
});

test('audio is recognised by its first bytes, not its name', () => {
  assert.equal(sniffAudioFormat(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')), 'wav');
  assert.equal(sniffAudioFormat(Buffer.from('fLaC\0\0\0\x22', 'latin1')), 'flac');
  assert.equal(sniffAudioFormat(Buffer.from('ID3\x04\0\0', 'latin1')), 'mp3');
  assert.equal(sniffAudioFormat(Buffer.from([0xff, 0xfb, 0x90, 0x44])), 'mp3');
  assert.equal(sniffAudioFormat(Buffer.from('<!DOCTYPE html>')), null);
  assert.equal(sniffAudioFormat(Buffer.alloc(0)), null);
});
