// Runs a command and reports its wall time and peak resident memory. Peak RSS comes from GNU
// time (`/usr/bin/time -v`) when installed, else from polling the child's VmHWM in /proc.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  peakRssMb: number | null;
  /** User + system CPU seconds (GNU time only): unlike wall time, barely moved by other load. */
  cpuSeconds: number | null;
}

const GNU_TIME = '/usr/bin/time';

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function runMeasured(command: string, args: string[]): Promise<MeasuredRun> {
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb: number | null = null;
    const poll = useTime
      ? null
      : setInterval(() => {
          const kb = child.pid ? vmHwmKb(child.pid) : null;
          if (kb !== null) polledKb = Math.max(polledKb ?? 0, kb);
        }, 20);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakKb = polledKb;
      let cpuSeconds: number | null = null;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakKb = m ? Number(m[1]) : null;
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
        const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
        if (user && sys) cpuSeconds = Number(user[1]) + Number(sys[1]);
        // GNU time appends its report to stderr; keep the command's own output separate.
        const cut = stderr.lastIndexOf('\tCommand being timed:');
        if (cut >= 0) stderr = stderr.slice(0, cut);
      }
      resolve({ code, stdout, stderr, wallSeconds, cpuSeconds, peakRssMb: peakKb === null ? null : peakKb / 1024 });
    });
  });
}
