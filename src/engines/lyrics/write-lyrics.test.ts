import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupFor, RHYME_GROUPS, rhymeTail } from './rhyme-dictionary.ts';
import { countLineSyllables, countSyllables, splitSyllables } from './syllables.ts';
import { writeLyrics } from './write-lyrics.ts';

/** Written here rather than imported: the spelled ending from the last sounded vowel group. */
function ending(word: string): string {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  const silent = /[^aeiouy]e$/.test(w) && w.length > 2;
  const core = silent ? w.slice(0, -1) : w;
  const match = /[aeiouy]+[^aeiouy]*$/.exec(core);
  return (match ? match[0] : core) + (silent ? 'e' : '');
}

function lastWord(line: string): string {
  return line.trim().split(/\s+/).at(-1)!;
}

function rhymes(a: string, b: string): boolean {
  return ending(lastWord(a)) === ending(lastWord(b));
}

test('the dictionary is large enough and every group shares its ending', () => {
  const words = RHYME_GROUPS.flatMap((g) => g.words);
  assert.ok(words.length >= 200, `${words.length} words`);
  for (const group of RHYME_GROUPS) {
    for (const word of group.words) {
      assert.equal(ending(word), group.tail, `${word} in ${group.tail}`);
      assert.equal(rhymeTail(word), group.tail);
    }
  }
});

test('deterministic by seed, different across seeds', () => {
  const request = { theme: 'summer road trip with friends', mood: 'happy', seed: 12 };
  assert.deepEqual(writeLyrics(request), writeLyrics(request));
  assert.notEqual(writeLyrics({ ...request, seed: 13 }).text, writeLyrics(request).text);
});

test('default structure, repeated chorus, distinct verses, headers in the text', () => {
  const result = writeLyrics({ theme: 'rain on the window', mood: 'sad', seed: 3 });
  assert.equal(result.engine, 'builtin-lyrics-v1');
  assert.deepEqual(result.sections.map((s) => s.kind), ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus']);
  const choruses = result.sections.filter((s) => s.kind === 'chorus');
  assert.deepEqual(choruses[1].lines, choruses[0].lines);
  assert.deepEqual(choruses[2].lines, choruses[0].lines);
  const verses = result.sections.filter((s) => s.kind === 'verse');
  assert.notDeepEqual(verses[0].lines, verses[1].lines);
  const verseEnds = verses.flatMap((v) => v.lines.map(lastWord));
  assert.equal(new Set(verseEnds).size, verseEnds.length, 'verses do not reuse rhyme words');
  for (const header of ['[Verse 1]', '[Verse 2]', '[Chorus]', '[Bridge]']) assert.ok(result.text.includes(header), header);
  assert.ok(result.title.length > 0);
});

test('four-line sections rhyme AABB or ABAB throughout a song', () => {
  for (let seed = 0; seed < 20; seed++) {
    const result = writeLyrics({ theme: 'ocean waves', mood: seed % 2 ? 'chill' : 'energetic', seed });
    const first = result.sections[0].lines;
    const scheme = rhymes(first[0], first[1]) ? 'AABB' : 'ABAB';
    for (const { kind, lines } of result.sections) {
      assert.equal(lines.length, 4, kind);
      if (scheme === 'AABB') {
        assert.ok(rhymes(lines[0], lines[1]) && rhymes(lines[2], lines[3]), `seed ${seed} ${kind}: ${lines.join(' / ')}`);
      } else {
        assert.ok(rhymes(lines[0], lines[2]) && rhymes(lines[1], lines[3]), `seed ${seed} ${kind}: ${lines.join(' / ')}`);
      }
    }
  }
});

test('lines within a section have similar syllable counts', () => {
  const result = writeLyrics({ theme: 'dancing in the kitchen', seed: 8 });
  for (const { lines } of result.sections) {
    const counts = lines.map(countLineSyllables);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 4, counts.join(','));
  }
});

test('custom structures and theme words', () => {
  const result = writeLyrics({ theme: 'rain', structure: ['verse', 'pre-chorus', 'chorus', 'outro'], seed: 2 });
  assert.deepEqual(result.sections.map((s) => s.kind), ['verse', 'pre-chorus', 'chorus', 'outro']);
  assert.equal(result.sections[1].lines.length, 2);
  assert.ok(result.text.includes('[Pre-Chorus]') && result.text.includes('[Outro]'));
  // "rain" rhymes with a dictionary group, so the chorus is built on it.
  assert.ok(result.sections[2].lines.some((l) => lastWord(l) === 'rain'), result.sections[2].lines.join(' / '));
  assert.equal(result.title, 'Rain');
});

test('syllable heuristic on common words', () => {
  const cases: [string, number][] = [
    ['the', 1], ['make', 1], ['fire', 1], ['hello', 2], ['little', 2], ['wanted', 2], ['watched', 1], ['lonely', 2],
    ['beautiful', 3], ['yesterday', 3], ["don't", 1], ['boxes', 2], ['sky', 1], ['heaven', 2],
  ];
  for (const [word, n] of cases) assert.equal(countSyllables(word), n, word);
  assert.deepEqual(splitSyllables('yesterday'), ['yes', 'ter', 'day']);
  assert.equal(splitSyllables('beautiful').join(''), 'beautiful');
  assert.equal(countLineSyllables('Hold me close until the rain'), 7);
});

test('theme words join a rhyme group only when their spelling says how they sound', () => {
  assert.equal(groupFor('brain')?.tail, 'ain');
  assert.equal(groupFor('sky')?.tail, 'y');
  assert.equal(groupFor('city'), null, '"city" does not rhyme with "sky"');
  assert.equal(groupFor('bear'), null, '"bear" does not rhyme with "fear"');
});
