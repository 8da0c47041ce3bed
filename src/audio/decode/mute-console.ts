// The WASM decoders print every recoverable error with console.error; the errors are also
// returned to the caller, which turns them into AudioError. Muting avoids flooding the server
// log with thousands of lines when someone uploads garbage.

/** Runs a synchronous call with console.error and console.warn silenced. */
export function withConsoleMuted<T>(fn: () => T): T {
  const { error, warn } = console;
  console.error = () => undefined;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
