import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { GenerationStatus, SongTask } from '../../db/schema.ts';
import { findVisibleSong } from './find-visible-song.ts';

export interface LineageNode {
  id: string;
  title: string;
  task: SongTask;
  status: GenerationStatus;
  parentId: string | null;
  /** Generations away from the song: 1 is its parent (ancestors) or a direct child (descendants). */
  depth: number;
  isOwner: boolean;
  createdAt: Date;
}

interface NodeRow {
  id: string;
  title: string;
  task: SongTask;
  status: GenerationStatus;
  parent_id: string | null;
  depth: number;
  user_id: string | null;
  created_at: Date;
}

// parent_id can't form a cycle through the API (a parent exists before its child), but a bound keeps
// a hand-edited row from looping the recursion forever.
const MAX_DEPTH = 100;

/**
 * Where a song came from (ancestors, oldest first) and what was made from it (descendants, breadth
 * first: by depth, then newest first). Songs the caller may not see are left out; a visible
 * descendant of a hidden one still appears, with the hidden parent's id as its parentId.
 */
export async function getLineage(
  ctx: Pick<AppContext, 'database'>,
  input: { songId: string; userId: string | null },
): Promise<{ songId: string; ancestors: LineageNode[]; descendants: LineageNode[] }> {
  const { song } = await findVisibleSong(ctx, input);
  const { db } = ctx.database;
  const viewer = input.userId;
  const visible = sql`(s.user_id = ${viewer}::uuid OR (s.visibility = 'public' AND s.status = 'completed'))`;

  const ancestors = await sql<NodeRow>`
    WITH RECURSIVE up (id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM songs WHERE id = ${song.id}
      UNION ALL
      SELECT p.id, p.parent_id, up.depth + 1 FROM songs p JOIN up ON p.id = up.parent_id WHERE up.depth < ${MAX_DEPTH}
    )
    SELECT s.id, s.title, s.task, s.status, s.parent_id, s.user_id, s.created_at, up.depth
    FROM up JOIN songs s ON s.id = up.id
    WHERE up.depth > 0 AND ${visible}
    ORDER BY up.depth DESC`.execute(db);

  const descendants = await sql<NodeRow>`
    WITH RECURSIVE down (id, depth) AS (
      SELECT id, 1 FROM songs WHERE parent_id = ${song.id}
      UNION ALL
      SELECT c.id, down.depth + 1 FROM songs c JOIN down ON c.parent_id = down.id WHERE down.depth < ${MAX_DEPTH}
    )
    SELECT s.id, s.title, s.task, s.status, s.parent_id, s.user_id, s.created_at, down.depth
    FROM down JOIN songs s ON s.id = down.id
    WHERE ${visible}
    ORDER BY down.depth, s.created_at DESC, s.id DESC`.execute(db);

  const toNode = (row: NodeRow): LineageNode => ({
    id: row.id,
    title: row.title,
    task: row.task,
    status: row.status,
    parentId: row.parent_id,
    depth: row.depth,
    isOwner: viewer !== null && row.user_id === viewer,
    createdAt: row.created_at,
  });
  return { songId: song.id, ancestors: ancestors.rows.map(toNode), descendants: descendants.rows.map(toNode) };
}
