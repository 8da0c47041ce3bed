// Group commit for concurrent calls. A call starts a batch at once while fewer than `maxInFlight`
// batches run; otherwise it waits with the others that arrive meanwhile, and they go together as
// the next batch. At low load nothing waits; under load one round trip and one commit serve many
// calls. When a batch fails as a whole, its items are retried one by one, so one bad item fails
// only its own call.

export interface BatcherOptions {
  /** Batches running at once. */
  maxInFlight: number;
  /** Items per batch. */
  maxBatchSize: number;
}

/** Runs a batch; answers one result per item, in order. */
export type RunBatch<I, O> = (items: I[]) => Promise<O[]>;

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(reason: unknown): void;
}

export interface Batcher<I, O> {
  submit(item: I): Promise<O>;
}

export function createBatcher<I, O>(run: RunBatch<I, O>, options: BatcherOptions): Batcher<I, O> {
  const maxInFlight = Math.max(1, options.maxInFlight);
  const maxBatchSize = Math.max(1, options.maxBatchSize);
  const waiting: Pending<I, O>[] = [];
  let inFlight = 0;

  async function runOne(pending: Pending<I, O>): Promise<void> {
    try {
      const [result] = await run([pending.item]);
      pending.resolve(result);
    } catch (err) {
      pending.reject(err);
    }
  }

  async function runBatch(batch: Pending<I, O>[]): Promise<void> {
    if (batch.length === 1) return runOne(batch[0]);
    let results: O[];
    try {
      results = await run(batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error(`batch of ${batch.length} answered ${results.length} results`);
    } catch {
      for (const pending of batch) await runOne(pending);
      return;
    }
    batch.forEach((pending, i) => pending.resolve(results[i]));
  }

  function pump(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatchSize);
      inFlight++;
      // The slot frees one event-loop turn after the batch answers: callers that answer by calling
      // again (a client's next request) are queued by then and go together, not one by one.
      void runBatch(batch).finally(() =>
        setImmediate(() => {
          inFlight--;
          pump();
        }),
      );
    }
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        pump();
      });
    },
  };
}
