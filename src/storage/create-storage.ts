import { createLocalStorage } from './local-driver.ts';
import { createS3Storage } from './s3-driver.ts';
import type { Storage, StorageConfig } from './types.ts';

export function createStorage(config: StorageConfig): Storage {
  switch (config.driver) {
    case 'local':
      return createLocalStorage(config);
    case 's3':
      return createS3Storage(config);
    default:
      throw new TypeError(`unknown storage driver "${(config as { driver: unknown }).driver}"`);
  }
}
