// Music generation: admission (credits, allowance, idempotency), the render worker, the engines.
export { createGeneration, type CreateGenerationInput, type CreateGenerationResult } from './create-generation.ts';
export { completeVariation, MASTER_TARGET, type CompleteVariationResult } from './complete-variation.ts';
export { failGeneration, type FailGenerationResult } from './fail-generation.ts';
export { appendGenerationLog } from './append-generation-log.ts';
export { registerGenerationJobs } from './register-generation-jobs.ts';
export { GENERATION_QUEUE, type RenderJobData } from './render-job.ts';
export { GenerationRequestSchema, SONG_TASKS, type GenerationRequest, type GenerationAccepted } from './generation-request.ts';
export { getEngine, registerEngine, unregisterEngine, hasEngine, listEngines } from './engines/registry.ts';
export type { Engine, LocalEngine, AsyncEngine, GenerationInput, RenderedTake, CompletedTake } from './engines/types.ts';
export { songResult, type SongResult } from './song-result.ts';
