// BS.1770 channel weights by channel count. Layouts follow WAV channel order.
// 1 mono, 2 L R, 3 L R C, 4 L R Ls Rs (quad), 5 L R C Ls Rs, 6 L R C LFE Ls Rs (5.1).
// 7 and 8 channels are read as 6.1 / 7.1 in WAV order (L R C LFE then surrounds at 1.41);
// any other count weighs every channel 1.0, the most neutral guess without a layout.

const SURROUND = 1.41;

export function channelWeights(channels: number): number[] {
  switch (channels) {
    case 1:
      return [1];
    case 2:
      return [1, 1];
    case 3:
      return [1, 1, 1];
    case 4:
      return [1, 1, SURROUND, SURROUND];
    case 5:
      return [1, 1, 1, SURROUND, SURROUND];
    case 6:
      return [1, 1, 1, 0, SURROUND, SURROUND];
    case 7:
      return [1, 1, 1, 0, SURROUND, SURROUND, SURROUND];
    case 8:
      return [1, 1, 1, 0, SURROUND, SURROUND, SURROUND, SURROUND];
    default:
      return new Array<number>(channels).fill(1);
  }
}
