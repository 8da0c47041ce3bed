// Entry of every worker thread: lets the worker load TypeScript modules however the parent was started.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.moduleUrl);
