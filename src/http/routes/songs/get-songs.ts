import { z } from 'zod';
import { listSongs } from '../../../modules/library/index.ts';
import { requireUser } from '../../require-user.ts';
import { pageOf, paginationQuery } from '../../schemas/pagination.ts';
import type { RouteModule } from '../../types.ts';
import { AUTH, OwnerSongSchema, StatusSchema, TaskSchema, VisibilitySchema } from './schemas.ts';

const ListSongsQuery = paginationQuery.extend({
  q: z.string().trim().min(1).max(200).optional().describe('Case-insensitive text in the title or the prompt'),
  status: StatusSchema.optional(),
  task: TaskSchema.optional(),
  visibility: VisibilitySchema.optional(),
  favorite: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: favorites only; false: all but favorites'),
  parentId: z.uuid().optional().describe('Only songs made from this one (remixes, extensions …)'),
});

const getSongs: RouteModule = (app, ctx) => {
  app.get(
    '/songs',
    {
      schema: {
        tags: ['library'],
        summary: 'Your songs, newest first, with their takes (search, filters, cursor pagination)',
        security: AUTH,
        querystring: ListSongsQuery,
        response: { 200: pageOf(OwnerSongSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listSongs(ctx, { userId: user.id, ...request.query });
    },
  );
};

export default getSongs;
