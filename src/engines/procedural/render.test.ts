import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openAudioFile } from '../../audio/decode/index.ts';
import { planSong, renderSong, renderSongToFile } from './index.ts';
import { BLOCK_FRAMES } from './render-part.ts';
import { collect, firstDifference, rms } from './testing/collect.ts';

const dir = mkdtempSync(join(tmpdir(), 'procedural-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PROMPTS = ['upbeat pop song', 'lofi hip hop with rhodes', 'dark techno', 'smooth jazz trio', 'ambient pads', 'epic cinematic', 'folk with acoustic guitar', 'heavy metal'];

test('renders valid stereo audio of the requested duration for many styles', () => {
  for (const [i, prompt] of PROMPTS.entries()) {
    const plan = planSong({ task: 'text2music', prompt, durationSeconds: 25, seed: 1000 + i });
    const { left, right } = collect(renderSong(plan));
    const expected = 25 * 44100;
    assert.ok(Math.abs(left.length - expected) <= BLOCK_FRAMES, `${prompt}: ${left.length} frames`);
    assert.equal(right.length, left.length);
    let peak = 0;
    for (const channel of [left, right]) {
      for (let k = 0; k < channel.length; k++) {
        const v = channel[k];
        assert.ok(Number.isFinite(v), `${prompt}: non-finite sample at ${k}`);
        peak = Math.max(peak, Math.abs(v));
      }
    }
    assert.ok(peak < 1, `${prompt}: peak ${peak}`);
    assert.ok(peak > 0.05, `${prompt}: peak ${peak} is too quiet`);
    // Every 10 s window that ends before the fade-out holds sound.
    const fadeStart = left.length - Math.round(plan.part!.fadeOutSeconds * 44100);
    for (let start = 0; start + 10 * 44100 <= fadeStart; start += 5 * 44100) {
      const level = rms(left, start, start + 10 * 44100);
      assert.ok(level > 0.005, `${prompt}: window at ${start / 44100} s has RMS ${level}`);
    }
    assert.notEqual(firstDifference(left, right), -1, `${prompt}: left and right should not be identical`);
  }
});

test('the same plan renders bit-identical samples; another seed renders different ones', () => {
  const request = { task: 'text2music' as const, prompt: 'pop song with piano', durationSeconds: 12, seed: 77 };
  const a = collect(renderSong(planSong(request)));
  const b = collect(renderSong(planSong(request)));
  assert.equal(firstDifference(a.left, b.left), -1);
  assert.equal(firstDifference(a.right, b.right), -1);
  // The plan survives a JSON round trip, as it will when stored by the caller.
  const c = collect(renderSong(JSON.parse(JSON.stringify(planSong(request)))));
  assert.equal(firstDifference(a.left, c.left), -1);
  const d = collect(renderSong(planSong({ ...request, seed: 78 })));
  assert.notEqual(firstDifference(a.left, d.left), -1);
});

test('short durations get fewer sections, long ones a full form', () => {
  const short = planSong({ task: 'text2music', prompt: 'pop 120 bpm', durationSeconds: 5, seed: 1 });
  assert.equal(short.sections.length, 1);
  const long = planSong({ task: 'text2music', prompt: 'pop 120 bpm', durationSeconds: 180, seed: 1 });
  const names = long.sections.map((s) => s.name);
  assert.equal(names[0], 'intro');
  assert.equal(names.at(-1), 'outro');
  assert.ok(names.includes('verse') && names.includes('chorus') && names.includes('bridge'));
  const bars = long.sections.reduce((sum, s) => sum + s.bars, 0);
  assert.equal(bars, Math.ceil(180 / 2), 'bars cover the duration at 2 s per bar');
});

test('onProgress rises to 1', () => {
  const plan = planSong({ task: 'text2music', prompt: 'folk', durationSeconds: 6, seed: 3 });
  const seen: number[] = [];
  for (const _ of renderSong(plan, { onProgress: (f) => seen.push(f) })) void _;
  assert.ok(seen.length > 1);
  assert.ok(seen.every((f, i) => i === 0 || f > seen[i - 1]));
  assert.equal(seen.at(-1), 1);
});

test('renderSongToFile writes a WAV that decodes to the rendered length', async () => {
  const plan = planSong({ task: 'text2music', prompt: 'edm', durationSeconds: 6, seed: 5, sampleRate: 48000 });
  const path = join(dir, 'song.wav');
  const result = await renderSongToFile(plan, path, { format: 'wav' });
  assert.equal(result.frames, 6 * 48000);
  const decoder = await openAudioFile(path);
  assert.equal(decoder.info.sampleRate, 48000);
  assert.equal(decoder.info.channels, 2);
  let frames = 0;
  for await (const block of decoder.blocks()) frames += block.frames;
  assert.equal(frames, result.frames);
});

test('invalid requests are refused with a clear message', () => {
  assert.throws(() => planSong({ task: 'text2music', prompt: 'x', durationSeconds: 2, seed: 1 }), /durationSeconds/);
  assert.throws(() => planSong({ task: 'text2music', prompt: 'x', durationSeconds: 10, seed: -1 }), /seed/);
  assert.throws(() => planSong({ task: 'extend', prompt: 'x', durationSeconds: 10, seed: 1 }), /parent/);
});

test('odd prompts and lyrics still give a valid song', () => {
  const cases = [
    { prompt: '', lyrics: undefined },
    { prompt: '🎵🎸 música rápida!!! 999999 bpm in H major', lyrics: '[Chorus]\n\n[Verse]\n' },
    { prompt: 'jazz', lyrics: 'supercalifragilisticexpialidocious '.repeat(40) },
    { prompt: 'kids lullaby', lyrics: '...\n!!!\n' },
  ];
  for (const [i, c] of cases.entries()) {
    const plan = planSong({ task: 'text2music', prompt: c.prompt, lyrics: c.lyrics, durationSeconds: 7.3, seed: 4_000_000_000 + i, sampleRate: 22050 });
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan, 'the plan is plain JSON');
    const { left } = collect(renderSong(plan));
    assert.equal(left.length, Math.round(7.3 * 22050));
    assert.ok(left.every((v) => Number.isFinite(v) && Math.abs(v) < 1));
    assert.ok(rms(left) > 0.005, `case ${i} is silent`);
  }
});
