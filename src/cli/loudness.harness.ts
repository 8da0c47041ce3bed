// Minimal entry point exposing only the loudness commands, for tests and the benchmark when the
// full CLI entry is not wanted.
import { Command } from 'commander';
import { registerLoudnessCommands } from './loudness.ts';

const program = new Command('backbeat');
registerLoudnessCommands(program);
await program.parseAsync(process.argv);
