import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeLyrics } from '../lyrics/index.ts';
import { lyricsToLrc, planSong } from './index.ts';
import { alignLyrics, parseStanzas } from './lyric-alignment.ts';
import { buildScore } from './score/build-score.ts';
import { createClock } from './score/events.ts';

const LYRICS = writeLyrics({ theme: 'city lights at night', mood: 'happy', seed: 4 }).text;

function parseLrc(lrc: string): { seconds: number; text: string }[] {
  return lrc.trim().split('\n').map((line) => {
    const match = /^\[(\d{2}):(\d{2})\.(\d{2})\](.*)$/.exec(line);
    assert.ok(match, `bad LRC line ${line}`);
    return { seconds: Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) / 100, text: match[4] };
  });
}

test('stanzas are read from headers, pre-choruses join their verse', () => {
  const stanzas = parseStanzas('[Verse 1]\nA b c\nD e f\n\n[Pre-Chorus]\nG h\n\n[Chorus]\nI j\n\nplain stanza\n');
  assert.deepEqual(stanzas.map((s) => s.kind), ['verse', 'chorus', null]);
  assert.deepEqual(stanzas[0].lines, ['A b c', 'D e f', 'G h']);
  const plain = parseStanzas('one\ntwo\n\nthree\nfour');
  assert.equal(plain.length, 2);
});

test('each syllable gets one lead note, lines start on their slot and end before the next', () => {
  const plan = planSong({ task: 'text2music', prompt: 'pop 100 bpm', lyrics: LYRICS, durationSeconds: 90, seed: 2 });
  const lines = plan.part!.lyrics!;
  assert.ok(lines.length >= 8, `${lines.length} lines placed`);
  for (let i = 0; i < lines.length; i++) {
    const syllables = lines[i].syllables;
    for (let k = 1; k < syllables.length; k++) assert.ok(syllables[k].beat >= syllables[k - 1].beat + syllables[k - 1].beats - 1e-9);
    const end = syllables.at(-1)!.beat + syllables.at(-1)!.beats;
    if (i + 1 < lines.length) assert.ok(end < lines[i + 1].beat, 'a rest separates lines');
  }
  const score = buildScore({ sampleRate: plan.sampleRate, bpm: plan.bpm, key: plan.key, mode: plan.mode, style: plan.style, part: plan.part! });
  const sung = score.tones.filter((t) => t.voice === 'vocal-lead').map((t) => t.start);
  const clock = createClock(plan.bpm, plan.sampleRate, plan.style.swing);
  const expected = lines.flatMap((l) => l.syllables.map((s) => clock(s.beat))).filter((f) => f < plan.part!.frames);
  assert.deepEqual(sung, expected);
});

test('LRC timestamps rise, lie within the song and carry the lyric lines', () => {
  const plan = planSong({ task: 'text2music', prompt: 'folk 96 bpm', lyrics: LYRICS, durationSeconds: 75, seed: 6 });
  const lrc = lyricsToLrc(plan);
  assert.ok(lrc);
  const lines = parseLrc(lrc);
  assert.ok(lines.length >= 6);
  for (let i = 1; i < lines.length; i++) assert.ok(lines[i].seconds > lines[i - 1].seconds);
  assert.ok(lines.every((l) => l.seconds >= 0 && l.seconds < plan.durationSeconds));
  const lyricLines = new Set(LYRICS.split('\n').map((l) => l.trim()));
  assert.ok(lines.every((l) => lyricLines.has(l.text)), 'every LRC line is a line of the lyrics');
  assert.equal(lyricsToLrc(planSong({ task: 'text2music', prompt: 'folk', durationSeconds: 20, seed: 6 })), null);
});

test('an extension with new lyrics appends its lines after the parent\'s', () => {
  const parent = planSong({ task: 'text2music', prompt: 'pop 120 bpm', lyrics: LYRICS, durationSeconds: 40, seed: 6 });
  const plan = planSong({ task: 'extend', prompt: '', lyrics: 'New words for the end\nSinging on and on', durationSeconds: 20, seed: 7, parent: { plan: parent } });
  const lines = parseLrc(lyricsToLrc(plan)!);
  const parentLines = parseLrc(lyricsToLrc(parent)!);
  assert.deepEqual(lines.slice(0, parentLines.length), parentLines);
  const added = lines.slice(parentLines.length);
  assert.deepEqual(added.map((l) => l.text), ['New words for the end', 'Singing on and on']);
  assert.ok(added[0].seconds >= parent.durationSeconds && added.at(-1)!.seconds < plan.durationSeconds);
});

test('lyrics too long for their section are cut to the slots it has', () => {
  const many = Array.from({ length: 12 }, (_, i) => `line number ${i} goes here`).join('\n');
  const lines = alignLyrics(`[Verse]\n${many}`, [{ name: 'verse', startBar: 0, bars: 8 }]);
  assert.equal(lines.length, 8, 'one line per bar when two-bar slots do not fit');
  assert.equal(lines[1].beat, 4);
});

test('retake, remix and repaint keep singing the parent\'s lyrics', () => {
  const parent = planSong({ task: 'text2music', prompt: 'pop 110 bpm', lyrics: LYRICS, durationSeconds: 60, seed: 6 });
  const extended = planSong({ task: 'extend', prompt: '', lyrics: 'One more line to sing', durationSeconds: 20, seed: 7, parent: { plan: parent } });
  const texts = (plan: typeof parent) => parseLrc(lyricsToLrc(plan)!).map((l) => l.text);
  const retake = planSong({ task: 'retake', prompt: '', durationSeconds: 60, seed: 8, parent: { plan: extended } });
  assert.ok(retake.lyricsText!.includes('One more line to sing') && retake.lyricsText!.includes(LYRICS.split('\n')[1]));
  const remix = planSong({ task: 'remix', prompt: 'jazz', durationSeconds: 60, seed: 9, parent: { plan: parent } });
  const lyricLines = new Set(LYRICS.split('\n'));
  assert.ok(texts(remix).length >= 6 && texts(remix).every((t) => lyricLines.has(t)));
  const repaint = planSong({ task: 'repaint', prompt: '', durationSeconds: 60, seed: 9, parent: { plan: parent }, region: { start: 5, end: 15 } });
  assert.equal(lyricsToLrc(repaint), lyricsToLrc(parent));
});
