import type { JobContext } from '../../jobs/index.ts';

type Phase = 'analyze' | 'render' | 'verify';

// Where each phase of normalizeFile sits on the job's 0–100 scale. Downloading the original takes
// the first few percent and storing the result the last few.
const SPANS: Record<'lossless' | 'mp3', Record<Phase, [number, number]>> = {
  lossless: { analyze: [5, 45], render: [45, 95], verify: [95, 95] },
  mp3: { analyze: [5, 40], render: [40, 75], verify: [75, 95] },
};
const MESSAGES: Record<Phase, string> = { analyze: 'analyzing', render: 'normalizing', verify: 'verifying' };
const MIN_INTERVAL_MS = 300;

/**
 * Turns normalizeFile's synchronous progress callbacks into throttled, ordered writes of the job's
 * progress. `flush()` waits for the writes still in flight.
 */
export function jobProgress(job: Pick<JobContext<unknown>, 'progress'>, format: 'wav' | 'flac' | 'mp3') {
  const spans = SPANS[format === 'mp3' ? 'mp3' : 'lossless'];
  let chain: Promise<void> = Promise.resolve();
  let lastPercent = -1;
  let lastMessage = '';
  let lastAt = 0;
  const report = (percent: number, message: string, force = false) => {
    const rounded = Math.round(percent);
    const now = Date.now();
    if (!force && message === lastMessage && (rounded === lastPercent || now - lastAt < MIN_INTERVAL_MS)) return;
    lastPercent = rounded;
    lastMessage = message;
    lastAt = now;
    chain = chain.then(() => job.progress(rounded, message)).catch(() => undefined);
  };
  return {
    report,
    onNormalize(p: { phase: Phase; fraction: number }) {
      const [from, to] = spans[p.phase];
      report(from + (to - from) * Math.min(1, Math.max(0, p.fraction)), MESSAGES[p.phase]);
    },
    flush: () => chain,
  };
}
