// Section headers and the plain-text form of a lyric sheet.

const LABELS: Record<string, string> = {
  verse: 'Verse', chorus: 'Chorus', bridge: 'Bridge', 'pre-chorus': 'Pre-Chorus', outro: 'Outro', intro: 'Intro',
};

/** "[Verse 1]", "[Verse 2]", "[Chorus]": verses are numbered, repeated parts are not. */
export function sectionHeaders(kinds: string[]): string[] {
  let verse = 0;
  return kinds.map((kind) => {
    if (kind === 'verse') return `[Verse ${++verse}]`;
    return `[${LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1)}]`;
  });
}

export function lyricsText(sections: { kind: string; lines: string[] }[]): string {
  const headers = sectionHeaders(sections.map((s) => s.kind));
  return sections.map((s, i) => [headers[i], ...s.lines].join('\n')).join('\n\n') + '\n';
}
