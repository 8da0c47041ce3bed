import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chordSemitones, degreeSemitones, pitchClassOf } from '../music-theory.ts';
import { planSong } from '../plan-song.ts';
import type { SongPlan } from '../types.ts';
import { buildScore } from './build-score.ts';
import { TRACK } from './events.ts';
import { voiceChord } from './harmony.ts';
import { instrumentalMelody } from './melody.ts';

function scoreOf(plan: SongPlan) {
  return buildScore({ sampleRate: plan.sampleRate, bpm: plan.bpm, key: plan.key, mode: plan.mode, style: plan.style, part: plan.part! });
}

/** The chord sounding at a frame, from the plan's sections. */
function chordAt(plan: SongPlan, frame: number) {
  const bar = Math.floor(frame / ((plan.sampleRate * 240) / plan.bpm));
  const section = plan.part!.sections.find((s) => bar >= s.startBar && bar < s.startBar + s.bars)!;
  const progression = plan.part!.progressions[section.name];
  return progression[(bar - section.startBar) % progression.length];
}

for (const prompt of ['pop song in E major, 100 bpm', 'sad folk ballad in A minor, 90 bpm', 'jazz in Bb major, 120 bpm']) {
  test(`${prompt}: lead stays in the key and lands on chord tones on strong beats`, () => {
    const plan = planSong({ task: 'text2music', prompt, durationSeconds: 60, seed: 11 });
    const tonic = pitchClassOf(plan.key)!;
    const scale = new Set([0, 1, 2, 3, 4, 5, 6].map((d) => (tonic + degreeSemitones(d, plan.mode)) % 12));
    const framesPerBeat = (plan.sampleRate * 60) / plan.bpm;
    const lead = scoreOf(plan).tones.filter((t) => t.track === TRACK.lead && t.voice === plan.style.lead);
    assert.ok(lead.length > 20, `${lead.length} lead notes`);
    let strong = 0;
    for (const note of lead) {
      const chord = chordAt(plan, note.start);
      const chordClasses = new Set(chordSemitones(chord, plan.mode).map((s) => (tonic + s) % 12));
      const pitchClass = note.midi % 12;
      assert.ok(scale.has(pitchClass) || chordClasses.has(pitchClass), `${note.midi} outside ${plan.key} ${plan.mode}`);
      const beat = note.start / framesPerBeat;
      if (Math.abs(beat - Math.round(beat)) < 1e-6 && Math.round(beat) % 2 === 0) {
        strong++;
        assert.ok(chordClasses.has(pitchClass), `strong-beat note ${note.midi} not in chord at beat ${beat}`);
      }
    }
    assert.ok(strong > 5);
  });
}

test('chord voicings move smoothly and stay in range', () => {
  let center = 62;
  const chords = [0, 4, 5, 3, 1, 4, 0].map((degree) => ({ degree, seventh: false, dominant: false }));
  for (const chord of chords) {
    const voicing = voiceChord(60, chord, 'major', center);
    assert.equal(voicing.length, 3);
    assert.ok(voicing[0] >= 48 && voicing[2] < 76);
    const next = voicing.reduce((a, b) => a + b, 0) / 3;
    assert.ok(Math.abs(next - center) <= 4, `jump from ${center} to ${next}`);
    center = next;
  }
});

test('an instrumental melody repeats for every section of the same kind and bars', () => {
  const input = { kind: 'chorus' as const, bars: 8, startBeat: 0, chords: [{ degree: 0, seventh: false, dominant: false }], melodySeed: 99 };
  const a = instrumentalMelody(input);
  const b = instrumentalMelody({ ...input, startBeat: 64 });
  assert.deepEqual(b.map((n) => [n.beat - 64, n.degree]), a.map((n) => [n.beat, n.degree]));
  assert.notDeepEqual(instrumentalMelody({ ...input, melodySeed: 100 }).map((n) => n.degree), a.map((n) => n.degree));
});
