import { AppError } from '../../errors.ts';

export function avatarTooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `file: must be at most ${maxBytes} bytes`, { field: 'file', maxBytes });
}
