// A cheap stereo reverb for the send bus: four damped feedback combs shared by both sides
// (summed with different signs for width) and two allpass diffusers per side. It runs at half
// the sample rate (pairs of input frames averaged, output interpolated): a reverb tail carries
// little above 10 kHz, and this halves the cost of the most expensive stage of the mix.

export interface Reverb {
  combs: Float32Array[];
  combPos: Int32Array;
  state: Float64Array;
  allpasses: Float32Array[];
  allpassPos: Int32Array;
  feedback: number;
  damping: number;
}

const COMB_LENGTHS = [1116, 1188, 1277, 1356];
const ALLPASS_LENGTHS = [556, 441, 579, 341];

export function createReverb(sampleRate: number, size: number): Reverb {
  const scale = sampleRate / 44100 / 2;
  return {
    combs: COMB_LENGTHS.map((n) => new Float32Array(Math.max(1, Math.round(n * scale)))),
    combPos: new Int32Array(4),
    // Comb filter memories [0..3] and the previous output pair [4, 5].
    state: new Float64Array(6),
    allpasses: ALLPASS_LENGTHS.map((n) => new Float32Array(Math.max(1, Math.round(n * scale)))),
    allpassPos: new Int32Array(4),
    feedback: 0.7 + 0.22 * size,
    damping: 0.3,
  };
}

/** Adds the reverb of `input[0..frames)` to `left`/`right`. */
export function processReverb(r: Reverb, input: Float32Array, left: Float32Array, right: Float32Array, frames: number): void {
  const c0 = r.combs[0], c1 = r.combs[1], c2 = r.combs[2], c3 = r.combs[3];
  const a0 = r.allpasses[0], a1 = r.allpasses[1], a2 = r.allpasses[2], a3 = r.allpasses[3];
  // Lengths in locals: reading .length of four arrays per sample costs more than the math.
  const n0 = c0.length, n1 = c1.length, n2 = c2.length, n3 = c3.length;
  const m0 = a0.length, m1 = a1.length, m2 = a2.length, m3 = a3.length;
  const st = r.state;
  let p0 = r.combPos[0], p1 = r.combPos[1], p2 = r.combPos[2], p3 = r.combPos[3];
  let q0 = r.allpassPos[0], q1 = r.allpassPos[1], q2 = r.allpassPos[2], q3 = r.allpassPos[3];
  let f0 = st[0], f1 = st[1], f2 = st[2], f3 = st[3], prevL = st[4], prevR = st[5];
  const fb = r.feedback;
  const d = r.damping;
  const e = 1 - d;
  for (let i = 0; i < frames; i += 2) {
    // The tiny offset keeps decaying delay lines out of the slow subnormal float range.
    const x = (input[i] + (i + 1 < frames ? input[i + 1] : input[i])) * 0.125 + 1e-20;
    const y0 = c0[p0], y1 = c1[p1], y2 = c2[p2], y3 = c3[p3];
    f0 = y0 * e + f0 * d; c0[p0] = x + f0 * fb; p0++; if (p0 === n0) p0 = 0;
    f1 = y1 * e + f1 * d; c1[p1] = x + f1 * fb; p1++; if (p1 === n1) p1 = 0;
    f2 = y2 * e + f2 * d; c2[p2] = x + f2 * fb; p2++; if (p2 === n2) p2 = 0;
    f3 = y3 * e + f3 * d; c3[p3] = x + f3 * fb; p3++; if (p3 === n3) p3 = 0;
    let l = y0 - y1 + y2 - y3;
    let rr = y0 + y1 - y2 - y3;
    // Schroeder allpass: out = buf - in; buf = in + buf / 2
    let b = a0[q0]; a0[q0] = l + b * 0.5; l = b - l; q0++; if (q0 === m0) q0 = 0;
    b = a1[q1]; a1[q1] = l + b * 0.5; l = b - l; q1++; if (q1 === m1) q1 = 0;
    b = a2[q2]; a2[q2] = rr + b * 0.5; rr = b - rr; q2++; if (q2 === m2) q2 = 0;
    b = a3[q3]; a3[q3] = rr + b * 0.5; rr = b - rr; q3++; if (q3 === m3) q3 = 0;
    left[i] += (prevL + l) * 0.5;
    right[i] += (prevR + rr) * 0.5;
    prevL = l;
    prevR = rr;
    if (i + 1 < frames) {
      left[i + 1] += l;
      right[i + 1] += rr;
    }
  }
  r.combPos[0] = p0; r.combPos[1] = p1; r.combPos[2] = p2; r.combPos[3] = p3;
  r.allpassPos[0] = q0; r.allpassPos[1] = q1; r.allpassPos[2] = q2; r.allpassPos[3] = q3;
  st[0] = f0; st[1] = f1; st[2] = f2; st[3] = f3; st[4] = prevL; st[5] = prevR;
}
