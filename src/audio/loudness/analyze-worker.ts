// Worker side of analyzeAudio: true-peak scans of the chunks it is sent. Each chunk is
// acknowledged with its buffers (so the sender bounds what is in flight and reuses them);
// the peaks are returned when told the input ended.
import { parentPort, workerData } from 'node:worker_threads';
import { createTruePeakDetector } from './true-peak.ts';
import type { PeakWorkerInput, PeakWorkerReply, PeakWorkerRequest } from './analyze-protocol.ts';

const input = workerData.data as PeakWorkerInput;
const reference = input.reference ? createTruePeakDetector(input.channels, input.sampleRate, 'reference') : null;
const flatChannels = input.channels - input.flatFrom;
const flat = flatChannels > 0 ? createTruePeakDetector(flatChannels, input.sampleRate, 'flat') : null;

function reply(message: PeakWorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

parentPort!.on('message', (request: PeakWorkerRequest) => {
  if (request.type === 'chunk') {
    const block = { channels: request.channels, frames: request.frames };
    reference?.push(block);
    flat?.push({ channels: block.channels.slice(input.flatFrom), frames: block.frames });
    reply({ type: 'scanned', channels: request.channels }, request.channels.map((c) => c.buffer as ArrayBuffer));
  } else {
    reply({
      type: 'peaks',
      sample: reference?.samplePeakLinear() ?? 0,
      reference: reference ? reference.maxLinear() : null,
      flat: flat ? flat.maxLinear() : null,
    });
  }
});
