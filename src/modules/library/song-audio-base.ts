import type { Config } from '../../config.ts';

/** Where a song's takes are streamed from (the audio route takes `?variation=`). */
export function songAudioBase(config: Pick<Config, 'publicUrl'>, songId: string): string {
  return `${config.publicUrl}/api/songs/${songId}/audio`;
}
