import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** s3rver's built-in account; it refuses any other access key. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// s3rver runs in a child process so that memory measured in the test process is the
// client's alone, and so a stuck server cannot hold the test process open.
const SERVER_SOURCE = `
const S3rver = require('s3rver');
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.env.S3RVER_DIRECTORY });
server.run().then((addr) => process.stdout.write(JSON.stringify({ port: addr.port }) + '\\n'));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
`;

/** Starts s3rver on a free port of 127.0.0.1 over a fresh temp directory, with one bucket. */
export async function startS3rver(bucket = 'backbeat-test'): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'backbeat-s3rver-'));
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, S3RVER_DIRECTORY: directory },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        out += text;
        if (out.includes('\n')) resolve((JSON.parse(out) as { port: number }).port);
      });
      child.once('exit', (code) => reject(new Error(`s3rver exited early with code ${code}`)));
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
    return { endpoint, bucket, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
