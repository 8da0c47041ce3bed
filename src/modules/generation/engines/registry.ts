// The engines a generation may name. The built-in procedural engine is always there; provider
// adapters register themselves at startup (from config), tests register stand-ins.
import { AppError } from '../../../errors.ts';
import { proceduralEngine } from './procedural-engine.ts';
import type { Engine } from './types.ts';

const engines = new Map<string, Engine>([[proceduralEngine.name, proceduralEngine]]);

/** Adds or replaces an engine under its name. */
export function registerEngine(engine: Engine): void {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(engine.name)) throw new Error(`engine name "${engine.name}" must match [a-z0-9._-]{1,64}`);
  engines.set(engine.name, engine);
}

/** Removes an engine (tests); the built-in one stays. */
export function unregisterEngine(name: string): void {
  if (name !== proceduralEngine.name) engines.delete(name);
}

export function hasEngine(name: string): boolean {
  return engines.has(name);
}

export function listEngines(): string[] {
  return [...engines.keys()];
}

/** The engine by name; without one, the configured default (GENERATION_ENGINE), else `procedural`. */
export function getEngine(name?: string | null, defaultName = 'procedural'): Engine {
  const wanted = name || defaultName;
  const engine = engines.get(wanted);
  if (!engine) throw new AppError('validation_failed', `engine: "${wanted}" is not a registered engine`, { field: 'engine', known: listEngines() });
  return engine;
}
