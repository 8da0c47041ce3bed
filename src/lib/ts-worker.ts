import { Worker, type WorkerOptions } from 'node:worker_threads';

const bootstrap = new URL('./ts-worker-bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread running a TypeScript module. The module reads its input from
 * `workerData.data` (node:worker_threads), since `workerData` itself carries the module URL.
 */
export function startTsWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  return new Worker(bootstrap, {
    ...options,
    workerData: { moduleUrl: moduleUrl.href, data: options.workerData },
  });
}
