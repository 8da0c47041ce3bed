import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLastFlacFrame } from './flac-last-frame.ts';
import { openAudioStream } from './index.ts';

// A one-frame FLAC stream (4088 stereo samples, 16-bit) written by our encoder from a rendered song's
// fade-out. The reference decoder (`flac -t`) reads it; the WASM decoder's frame parser returns nothing.
const LAST_FRAME_FLAC = Buffer.from(
  'ZkxhQ4AAACIQABAAAAbZAC8bCsRC8AAAD/gAAAAAAAAAAAAAAAAAAAAA//h5GMWCD/cjEgABABlKUuemXNOnp+lP/s/l2WU/SnntDZE00qFOdOU6fvNzfSVmlN9yJ2dNLppL/vK8+mUvlPylLzS/9Kb6b/T6Zd//Tm5y5pNLyz0m8/y5csuXc0pE/eW8v0//86enT0+lyJ+nSlO5+lKU9zZTpTpylM7PT+Wcs003z9y6SIcQuXmzZZGU2bmhf5pTTs0s0uXOzp/ZpppZZv0mJoUubOwvlL/0kZTZS+ktlly/zEy9Pp0pfIzz6af5fOl8v/Z0uzp2XKaXLym/KU0/L83OynSXynZZZpc39NzveXLl/+U+XSXlQv0pp//+nIn+lns2XmlzTnucv8//lKUpsv/f53LyylN/l/ImUuXLz0p//Tzf/+X6F5fL0/Sn5ssp2bN53TL6ens7KU+0ly9OnvNyz6U0I5//kT+lP+/5dKeVPllLp/pT/Lz0lyl5TTSzvlm8siF/07kTy//pl/zZSmynfzvyypyyM5Epy8rPc0/kT/ywiEQuUsy9Oz/Izp+zs/p35Tsv//5ZTvKdKU2S2flT3ylPT0p0pcp+5pSz06dn9npedy+eykTzSp/05af/9P5enLSU6WkuUv+lLL5fmllOzpspZSlOpzSnSksqESWb/yll/pKY56dP+ym/L5Ts2f6f6WWUs+zT3LNyzTZSzS0KXmylMv8uaU0vP35ZZTfzU+U7sL6ZfpmIX8vy5fnZ6WbnSlNlLNN5Slnc7Lly5Zfzv/zf//yy5cpf0LL0p7Ken//0L7OcT0pc/ZSmRlnlT2fc9LNKaWbKdC+kpfzE+ny/nS///5aZfy/Sz00/T/+n05U+mn9NORKfIwv9P//T6fzZctPp0L870ly2f/TQun6dKaU6en9JfLykTT/8uUv8iZfoXllm+npL09P+X6S80v/l6Sp8vlppKn06ZaenL8tKFL0y/p9n0N+X/nf5GU/TL/T/0y+nTp0N5emRC09Ms4mX5fp/T/pN0ImRKf6ehUL+bm8v8tNmmn/3M4kv+hZf/TTKbLQvKkvlMZ/0ylpp0pSXTlLl/+X/5f0+hfp06csif/L0m6S6U+lz/+WVP0+WX8qZfp05E/zcstOn5Sm+n/sL0//08umlOhELuez09P//T83+nmpTyp6Fy+Xll+WlPzeWnl/+XSWzpyJ5U8v/0SAAEAElKd80sv/+mmh08pfl/KlPSJl9KaVPssI5Ok02dPm0OlJZT+e+nTZffN/S5vZib07IymU0y8+Ullp/5Spsu82yzSp03p6Uv8id6aaZ58+f+XOlKX6fzZ3MSb5f5Sllm+adNC3ynzsp+mylMTTp0spfy5oRJE2af6Sz/lpvTTqbNmz/NlLLOyylLKbN53zzpzppSWzKn+ymsLykT5+Wf0Lpy/SmkpZp5dPf/ehaU39KRl6X5WUs/53NLCJKf09P+zvp+zed5f9Pzel+XmmU8sylNJE/p+myynSoX0/9zT03/TfPSlyz00N/Omm//kTc09PZlKbOz5fz+X5aWWfS/lOlNy89JE3N5p3L008spp0/0///EyJ8vZylykiZenzspeX5c9Clyl9n7nuUxCs3L/SmlLP09P/NL+U7OmnfSnvlLp0sp0umXYVzTcs+ks9ClzTZpps7Msv8qdPSXS5Zps3zSnpSln/8s9ylO/Ll0LpZZp9KFT/s/0/cy8vLpKnuaU6SJ8qez6fp+lMqSJ0p05cuf0s6Ul9lm/zT0/05vlnfTyl/5SlN503mlZZ95S/T7yypKXKWWdNKWfT5HCspSnTZp6XN8pZZTTZcv7n/+bLOzpLy80vNyyyl0L//soR89KbPxC//8poWykun/s/L0+my8pZZZ0ps6f8spf/+n/8s7/kQp0tJSyJ5E+U3y+mdL+XLy08uyXpL6U5pebl8uXLz3lm5Z0ss03OyzuWXL/6dKSp/pTSn/+yn6cuX/y+RPOp3n9lN5aZTs2aU3Ozpl05v8un0ymm+lMpuXy6dC6fp8sjKf5cvO5uaWX/5ZcsulDf8vSz9mksumhaUpZQqf7JadJEoXIlP5Sps9NP9NPKlDU6fImX/y5Sp+X/QuXNLLLy/yylym5uWX+Xl5fIn/Shf06dP7KdKf2fy0KXy/5dOYmykify5E+mlNKfc/06f/LLT5S5ctKehfIzL/pL9P5aWcvlShE/TT/5cxJTebLLTs8300L5bPnZf///p/5E7KdOVPL6FzS9Jf/TLT6F6U0l5cv/Lp9mX+RPT/pSlKf06dP/lL5fIhdJfy/llKWhvpll0836flTSby8tkv/s9OX/pIyXT2dPLLpl/0pkTT5TabC+mkunT/y5UkQun/8unyIRPl5eWkuRJafs5f/+RVw==',
  'base64',
);

async function* chunks(bytes: Uint8Array, size = 512) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

test('a final frame the WASM parser drops is still decoded', async () => {
  const decoder = await openAudioStream(chunks(LAST_FRAME_FLAC));
  assert.equal(decoder.info.frames, 4088);
  let frames = 0;
  let energy = 0;
  for await (const block of decoder.blocks()) {
    frames += block.frames;
    for (const channel of block.channels) for (let i = 0; i < block.frames; i++) energy += channel[i]! ** 2;
  }
  assert.equal(frames, 4088);
  assert.ok(Number.isFinite(energy) && energy > 0);
});

test('findLastFlacFrame finds the frame by its header and footer checksums, and nothing in noise', () => {
  const found = findLastFlacFrame(LAST_FRAME_FLAC);
  assert.ok(found);
  assert.equal(found.blockSize, 4088);
  assert.equal(found.frame.length, LAST_FRAME_FLAC.length - 42);
  const corrupted = Uint8Array.from(LAST_FRAME_FLAC);
  corrupted[corrupted.length - 100]! ^= 0x10;
  assert.equal(findLastFlacFrame(corrupted.subarray(42)), null);
  let seed = 1;
  const noise = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
  assert.equal(findLastFlacFrame(noise), null);
});
