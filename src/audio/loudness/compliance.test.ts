// EBU Tech 3341 and 3342 compliance at 44.1, 48 and 96 kHz on synthesised signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoudnessMeter, type LoudnessResult } from './meter.ts';
import { blocksOf } from '../synth/blocks.ts';
import { isWithin, type ComplianceSignal, type Expected } from '../synth/compliance-types.ts';
import { repeatChannel } from '../synth/segments.ts';
import { TECH_3341_CASES, tech3341Case } from '../synth/tech3341.ts';
import { TECH_3342_CASES, tech3342Case } from '../synth/tech3342.ts';
import { measureFlatTruePeak } from './true-peak.ts';

const RATES = [44100, 48000, 96000];

interface Reading {
  result: LoudnessResult;
  momentaryFrom: (number | null)[];
  shortTermFrom: (number | null)[];
}

/** Meters one signal; with a "stays constant" expectation, reads the meter every 10 ms. */
function read(signal: ComplianceSignal, sampleRate: number): Reading {
  const { expect } = signal;
  const truePeak = expect.truePeakDbtp !== undefined;
  const meter = new LoudnessMeter({ sampleRate, channels: signal.channels.length, truePeak });
  const momentaryFrom: (number | null)[] = [];
  const shortTermFrom: (number | null)[] = [];
  const tenMs = sampleRate / 100;
  let frames = 0;
  const watch = expect.momentaryFrom || expect.shortTermFrom;
  for (const block of blocksOf(signal.channels, watch ? tenMs : 8192)) {
    meter.push(block);
    frames += block.frames;
    const t = frames / sampleRate;
    if (expect.momentaryFrom && t >= expect.momentaryFrom.fromSeconds) momentaryFrom.push(meter.momentaryLufs());
    if (expect.shortTermFrom && t >= expect.shortTermFrom.fromSeconds) shortTermFrom.push(meter.shortTermLufs());
  }
  return { result: meter.result(), momentaryFrom, shortTermFrom };
}

function check(label: string, reading: number | null | undefined, e: Expected | undefined): void {
  if (!e) return;
  assert.ok(isWithin(reading, e), `${label}: read ${reading}, expected ${e.value} −${e.below}/+${e.above}`);
}

for (const sampleRate of RATES) {
  test(`EBU Tech 3341 cases 1–6, 9–23 at ${sampleRate} Hz`, () => {
    for (const n of TECH_3341_CASES) {
      const c = tech3341Case(n, sampleRate);
      c.signals.forEach((signal, i) => {
        const label = `${c.id}${c.signals.length > 1 ? `/${i}` : ''} @${sampleRate}`;
        const { result, momentaryFrom, shortTermFrom } = read(signal, sampleRate);
        const e = signal.expect;
        check(`${label} I`, result.integratedLufs, e.integratedLufs);
        check(`${label} max M`, result.maxMomentaryLufs, e.maxMomentaryLufs);
        check(`${label} max S`, result.maxShortTermLufs, e.maxShortTermLufs);
        // libebur128's 2× interpolation at 96 kHz misses up to 0.55 dB on cases 21 and 23
        // scaled to that rate (content at 0.45 fs); the reading stays libebur128's, and the
        // flat detector is held to the tolerance instead.
        const referenceBlind = sampleRate >= 96000 && n >= 20;
        if (!referenceBlind) check(`${label} TP`, result.truePeakDbtp, e.truePeakDbtp);
        if (e.truePeakDbtp) {
          check(`${label} flat TP`, 20 * Math.log10(measureFlatTruePeak(signal.channels, sampleRate)), e.truePeakDbtp);
        }
        if (e.momentaryFrom) {
          assert.ok(momentaryFrom.length > 0);
          for (const m of momentaryFrom) check(`${label} M`, m, e.momentaryFrom);
        }
        if (e.shortTermFrom) {
          assert.ok(shortTermFrom.length > 0);
          for (const s of shortTermFrom) check(`${label} S`, s, e.shortTermFrom);
        }
      });
    }
  });

  test(`EBU Tech 3342 cases 1–4 at ${sampleRate} Hz, unchanged when repeated`, () => {
    for (const n of TECH_3342_CASES) {
      const c = tech3342Case(n, sampleRate);
      const signal = c.signals[0];
      const once = read(signal, sampleRate).result.loudnessRangeLu;
      check(`${c.id} @${sampleRate} LRA`, once, signal.expect.loudnessRangeLu);
      const twice = read({ ...signal, channels: signal.channels.map((x) => repeatChannel(x, 2)) }, sampleRate).result;
      assert.ok(Math.abs(twice.loudnessRangeLu! - once!) < 0.01, `${c.id} repeated: ${twice.loudnessRangeLu} vs ${once}`);
    }
  });
}

test('true-peak readings of cases 15–19 match libebur128 on the EBU files to 0.002 dB', () => {
  const libebur128: Record<number, number> = { 15: -6.0003, 16: -6.0334, 17: -5.9851, 18: -5.9984, 19: 2.9766 };
  for (const [n, expected] of Object.entries(libebur128)) {
    const { result } = read(tech3341Case(Number(n), 48000).signals[0], 48000);
    assert.ok(Math.abs(result.truePeakDbtp! - expected) < 0.002, `case ${n}: ${result.truePeakDbtp} vs ${expected}`);
  }
});
