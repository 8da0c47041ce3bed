// Puts every configured provider into the engine registry. Called once per process when its context
// is built, so API processes (a request may name the engine) and workers (which submit) both have them.
import type { Config } from '../../../config.ts';
import { registerEngine } from '../engines/registry.ts';
import type { Engine } from '../engines/types.ts';
import { createAcestepEngine } from './acestep/acestep-engine.ts';
import { createMusicgptEngine } from './musicgpt/musicgpt-engine.ts';
import { createPiapiEngine } from './piapi/piapi-engine.ts';

export function createProviderEngines(config: Config): Engine[] {
  const { providers } = config;
  return providers.enabled.map((name): Engine => {
    if (name === 'piapi') return createPiapiEngine(providers.piapi);
    if (name === 'musicgpt') return createMusicgptEngine(providers.musicgpt);
    return createAcestepEngine(providers.acestep, { maxBytes: providers.audioMaxBytes, timeoutMs: providers.audioTimeoutMs });
  });
}

export function registerProviderEngines(config: Config): string[] {
  const engines = createProviderEngines(config);
  for (const engine of engines) registerEngine(engine);
  return engines.map((e) => e.name);
}
