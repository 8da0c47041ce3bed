import { z } from 'zod';
import { getLineage } from '../../../modules/library/index.ts';
import type { RouteModule } from '../../types.ts';
import { OPTIONAL_AUTH, SongIdParams, StatusSchema, TaskSchema } from './schemas.ts';

const NodeSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  task: TaskSchema,
  status: StatusSchema,
  parentId: z.uuid().nullable(),
  depth: z.number().int().describe('Generations away from the song (1 = parent or direct child)'),
  isOwner: z.boolean(),
  createdAt: z.date(),
});

const getSongLineage: RouteModule = (app, ctx) => {
  app.get(
    '/songs/:id/lineage',
    {
      config: { ownedResource: 'song' },
      schema: {
        tags: ['library'],
        summary: 'Where a song came from and what was made from it',
        description:
          'ancestors: parent, grandparent … oldest first. descendants: flat, breadth first (by depth, then newest), ' +
          'each with its parentId. Only songs the caller may see are listed.',
        security: OPTIONAL_AUTH,
        params: SongIdParams,
        response: { 200: z.object({ songId: z.uuid(), ancestors: z.array(NodeSchema), descendants: z.array(NodeSchema) }) },
      },
    },
    async (request) => getLineage(ctx, { songId: request.params.id, userId: request.user?.id ?? null }),
  );
};

export default getSongLineage;
