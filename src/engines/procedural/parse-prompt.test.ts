import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePrompt } from './parse-prompt.ts';

test('finds genre, explicit tempo, key and mode', () => {
  const p = parsePrompt('Upbeat pop song at 120 bpm in D minor');
  assert.equal(p.genre, 'pop');
  assert.equal(p.bpm, 120);
  assert.equal(p.key, 'D');
  assert.equal(p.mode, 'minor');
  assert.equal(p.mood, 'energetic');
});

test('genre keywords map to their genre', () => {
  const cases: [string, string][] = [
    ['lofi beats to study to', 'lofi'], ['boom bap hip hop', 'hip hop'], ['deep house groove', 'edm'], ['minimal techno', 'techno'],
    ['smooth jazz', 'jazz'], ['ambient drone', 'ambient'], ['country ballad', 'folk'], ['nursery rhyme for kids', 'kids'],
    ['epic orchestral trailer', 'cinematic'], ['neo soul r&b', 'r&b'], ['thrash metal', 'metal'], ['garage rock', 'rock'],
  ];
  for (const [prompt, genre] of cases) assert.equal(parsePrompt(prompt).genre, genre, prompt);
  assert.equal(parsePrompt('something nice').genre, null);
});

test('keys in several spellings', () => {
  assert.deepEqual([parsePrompt('lofi in F#m').key, parsePrompt('lofi in F#m').mode], ['F#', 'minor']);
  assert.deepEqual([parsePrompt('A major folk tune').key, parsePrompt('A major folk tune').mode], ['A', 'major']);
  assert.deepEqual([parsePrompt('jazz in the key of Eb').key, parsePrompt('jazz in the key of Eb').mode], ['Eb', null]);
  assert.deepEqual([parsePrompt('ballad in c# minor').key, parsePrompt('ballad in c# minor').mode], ['C#', 'minor']);
  assert.equal(parsePrompt('Am trap beat').key, 'A');
  assert.equal(parsePrompt('Db major').key, 'C#', 'enharmonic spellings are normalized');
});

test('ordinary words are not mistaken for keys', () => {
  assert.equal(parsePrompt('back in a minute, I am happy').key, null);
  assert.equal(parsePrompt('a song about a dog').key, null);
});

test('tempo is clamped and needs the bpm unit', () => {
  assert.equal(parsePrompt('techno 300bpm').bpm, 200);
  assert.equal(parsePrompt('ambient 20 BPM').bpm, 50);
  assert.equal(parsePrompt('90-bpm boom bap').bpm, 90);
  assert.equal(parsePrompt('a song from 1999').bpm, null);
  assert.equal(parsePrompt('999999 bpm').bpm, null, 'a number that is not a tempo is ignored');
});

test('instrument mentions and moods', () => {
  const p = parsePrompt('chill r&b with rhodes, 808 and strings, no drums');
  assert.deepEqual(p.instruments.sort(), ['808', 'epiano', 'no-drums', 'strings']);
  assert.equal(p.mood, 'chill');
  assert.equal(parsePrompt('dark ominous techno').mood, 'dark');
  assert.equal(parsePrompt('sad piano').mood, 'sad');
});
