// Streaming decoders for WAV/RF64/BW64 (hand-written), FLAC and MPEG audio (WASM), chosen by
// content only. How damaged input ends:
// - WAV `data` size 0 or 0xFFFFFFFF (streaming writers): read to end of stream, no error.
// - WAV/FLAC shorter than the size their header declares: the frames that are there are
//   yielded, then `truncated_audio` is thrown.
// - FLAC whose STREAMINFO leaves the length unknown (0), or MP3 cut inside a frame: a clean
//   end after the last whole frame (neither format says how long it should have been).
// - Frames that fail to decode: `corrupt_audio` (MP3 tolerates a few resyncs, as players do).
import { AudioError, type AudioDecoder } from '../types.ts';
import { createByteReader, type ByteReader } from './byte-reader.ts';
import { detectAudioFormat, isFlacHead } from './detect-format.ts';
import { openFileSource } from './file-source.ts';
import { openFlacDecoder } from './flac-decoder.ts';
import { openMp3Decoder } from './mp3-decoder.ts';
import { id3v2TagLength } from './mpeg-header.ts';
import { openWavDecoder } from './wav-decoder.ts';

export { detectAudioFormat } from './detect-format.ts';
export { BLOCK_FRAMES } from './blocks.ts';

/** Enough to see two consecutive MPEG frames at the highest bitrate. */
const SNIFF_BYTES = 4096;
/** Some taggers stack a second tag; more than a few is not a real file. */
const MAX_ID3_TAGS = 4;

async function openFromReader(reader: ByteReader, totalBytes?: number): Promise<AudioDecoder> {
  let head = await reader.peek(SNIFF_BYTES);
  if (head.length === 0) throw new AudioError('unsupported_format', 'the file is empty');
  let skippedTags = 0;
  for (let tagLength = id3v2TagLength(head); tagLength !== null; tagLength = id3v2TagLength(head)) {
    // Streamed past, never buffered: a tag may claim (and even hold) hundreds of megabytes.
    if ((await reader.skip(tagLength)) < tagLength) {
      throw new AudioError('truncated_audio', `the file ends inside its ${tagLength}-byte ID3v2 tag`);
    }
    if (++skippedTags > MAX_ID3_TAGS) throw new AudioError('corrupt_audio', 'the file starts with too many ID3v2 tags');
    head = await reader.peek(SNIFF_BYTES);
  }
  if (skippedTags > 0) {
    if (head.length === 0) throw new AudioError('truncated_audio', 'the file holds an ID3v2 tag and no audio');
    return isFlacHead(head) ? openFlacDecoder(reader, totalBytes) : openMp3Decoder(reader, totalBytes);
  }
  switch (detectAudioFormat(head)) {
    case 'wav':
      return openWavDecoder(reader, totalBytes);
    case 'flac':
      return openFlacDecoder(reader, totalBytes);
    case 'mp3':
      return openMp3Decoder(reader, totalBytes);
    default:
      throw new AudioError('unsupported_format', 'not a WAV, FLAC or MP3 file');
  }
}

/**
 * Opens a decoder over any byte stream (an HTTP upload, a storage object). The header is read
 * before this resolves, so `info` is ready; audio is decoded only as `blocks()` is iterated.
 * On failure the source is closed before the AudioError is thrown.
 */
export async function openAudioStream(source: AsyncIterable<Uint8Array>, totalBytes?: number): Promise<AudioDecoder> {
  const reader = createByteReader(source);
  try {
    return await openFromReader(reader, totalBytes);
  } catch (err) {
    await reader.close();
    throw err;
  }
}

/** Opens a decoder streaming from a file on disk; `progress()` reports bytes read of its size. */
export async function openAudioFile(path: string): Promise<AudioDecoder> {
  const { chunks, totalBytes } = await openFileSource(path);
  return openAudioStream(chunks, totalBytes);
}
