import { randomUUID } from 'node:crypto';

/** Hostile keys every operation must refuse before touching the backend. */
export function hostileKeys(owner: string): string[] {
  const id = randomUUID();
  return [
    '',
    `/etc/passwd`,
    `/music/${owner}/${id}.mp3`,
    `music/${owner}/../../../etc/passwd`,
    `music/${owner}/../${id}.mp3`,
    `music/../../${id}.mp3`,
    `music%2f..%2f..%2fetc%2fpasswd`,
    `music/${owner}%2f..%2f${id}.mp3`,
    `music/${owner}/${id}%2e%2e.mp3`,
    `music\\${owner}\\${id}.mp3`,
    `music/${owner}/${id}.mp3\u0000.txt`,
    `music/${owner}/${id}.mp3/..`,
    `music//${owner}/${id}.mp3`,
    `secrets/${owner}/${id}.mp3`,
    `music/${owner}/${id.toUpperCase()}.mp3`,
    `music/${owner}/${id}.MP3`,
    `music/${owner}/${id}.mp3.meta.json`,
    `music/not-a-uuid/${id}.mp3`,
  ];
}
