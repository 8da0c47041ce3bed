import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAudio } from './analyze.ts';
import { LoudnessMeter, type LoudnessResult } from './meter.ts';
import { blocksOf, decoderFromChannels } from '../synth/blocks.ts';
import { concatSegments } from '../synth/segments.ts';
import { sine } from '../synth/sine.ts';
import { measureFlatTruePeak } from './true-peak.ts';
import { AudioError } from '../types.ts';

// 25 s of changing levels and a bright tone, so every measure has something to say.
const SR = 44100;
const left = concatSegments(
  [
    { seconds: 8, amplitude: 0.1 },
    { seconds: 9, amplitude: 0.5 },
    { seconds: 8, amplitude: 0.02 },
  ],
  { sampleRate: SR, frequency: 440 },
);
const right = sine({ frequency: 15000, amplitude: 0.3, sampleRate: SR, seconds: 25 });

function direct(channels: Float32Array[]) {
  const meter = new LoudnessMeter({ sampleRate: SR, channels: channels.length, series: true });
  for (const b of blocksOf(channels)) meter.push(b);
  return meter.result();
}

type Readings = Omit<LoudnessResult, 'shortTermSeries'>;

function assertSame(a: Readings, b: Readings, keys: (keyof Readings)[]): void {
  for (const k of keys) {
    const [x, y] = [a[k], b[k]];
    if (x === null || y === null) assert.equal(x, y, k);
    else assert.ok(Math.abs(x - y) < 1e-6, `${k}: ${x} vs ${y}`);
  }
}

const KEYS: (keyof Readings)[] = ['integratedLufs', 'loudnessRangeLu', 'truePeakDbtp', 'samplePeakDbfs', 'maxMomentaryLufs', 'maxShortTermLufs', 'durationSeconds'];

test('analysis in worker threads equals the meter run in one thread', async () => {
  const expected = direct([left, right]);
  const progress: number[] = [];
  for (const parallel of [true, false]) {
    progress.length = 0;
    const r = await analyzeAudio(decoderFromChannels([left, right], SR), {
      parallel,
      series: true,
      flatTruePeak: true,
      onProgress: (f) => progress.push(f),
    });
    assertSame(r, expected, KEYS);
    assert.equal(r.shortTermSeries?.length, 25);
    r.shortTermSeries!.forEach((s, i) => assert.ok(Math.abs(s! - expected.shortTermSeries![i]!) < 1e-6));
    assert.equal(r.sampleRate, SR);
    assert.equal(r.channels, 2);
    assert.equal(r.format, 'wav');
    const flat = 20 * Math.log10(measureFlatTruePeak([left, right], SR));
    assert.ok(Math.abs(r.flatTruePeakDbtp! - flat) < 1e-4, `flat ${r.flatTruePeakDbtp} vs ${flat}`);
    assert.equal(progress.at(-1), 1);
    assert.ok(progress.length > 10, 'progress reported along the way');
    assert.ok(progress.every((f, i) => i === 0 || f >= progress[i - 1]), 'progress never goes back');
  }
});

test('mono and five channels split across workers give the same readings', async () => {
  for (const channels of [[left], [left, right, left, right, left]]) {
    const expected = direct(channels);
    const r = await analyzeAudio(decoderFromChannels(channels, SR), { parallel: true });
    assertSame(r, expected, KEYS);
    assert.equal(r.flatTruePeakDbtp, undefined);
  }
});

test('rejects an unsupported sample rate before reading', async () => {
  await assert.rejects(analyzeAudio(decoderFromChannels([new Float32Array(10)], 4000)), AudioError);
});

test('a decoder failing half-way rejects the analysis in both modes', async () => {
  for (const parallel of [true, false]) {
    const inner = decoderFromChannels([left, right], SR);
    const failing = {
      ...inner,
      async *blocks() {
        let n = 0;
        for await (const block of inner.blocks()) {
          if (++n === 50) throw new AudioError('corrupt_audio', 'bad frame');
          yield block;
        }
      },
    };
    await assert.rejects(analyzeAudio(failing, { parallel }), (e: unknown) => e instanceof AudioError && e.code === 'corrupt_audio');
  }
});
