const MAX_NAME_CHARS = 180;
const FALLBACK_NAME = 'download';

// Control characters, and the Unicode format characters that can reorder or hide
// text (bidi overrides/isolates, zero-width marks, BOM): a name containing
// "\u202Egpj.exe" must not display as "exe.jpg".
const UNSAFE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

function isUnsafe(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return UNSAFE_RANGES.some(([from, to]) => cp >= from && cp <= to);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A file name that is safe to show and to save: no paths, no controls, bounded length. */
export function sanitizeFileName(name: string): string {
  let clean = String(name)
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replace(/[\s\S]/gu, (char) => (isUnsafe(char) ? '' : char))
    .replace(/[/\\]/g, '_')
    .replace(/\s+/g, ' ')
    // Leading dots would make hidden files or ".." segments; trailing ones break on Windows.
    .replace(/^[\s.]+|[\s.]+$/g, '');
  clean = truncateKeepingExtension(clean, MAX_NAME_CHARS);
  return clean === '' ? FALLBACK_NAME : clean;
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 16) {
    return chars.slice(0, max - ext.length).join('').trimEnd() + ext.join('');
  }
  return chars.slice(0, max).join('').trimEnd();
}

function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Quotes and backslashes would end or escape the quoted-string; `%` is decoded by some browsers.
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
    .trim();
  return ascii.replace(/^[_ .]+$/, '') === '' ? FALLBACK_NAME : ascii;
}

// RFC 8187 attr-char: encodeURIComponent also leaves ' ( ) * unescaped, which it must not.
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `Content-Disposition` for downloading an object under a user-facing name (RFC 6266). */
export function contentDisposition(name: string): string {
  const safe = sanitizeFileName(name);
  return `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}
