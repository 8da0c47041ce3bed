/** The queue that renders (or submits) a song's takes. */
export const GENERATION_QUEUE = 'generation.render';

export interface RenderJobData {
  songId: string;
}
