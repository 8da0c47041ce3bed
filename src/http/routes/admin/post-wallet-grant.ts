import { z } from 'zod';
import { grantCredits } from '../../../modules/credits/grant-credits.ts';
import { requireAdmin } from '../../require-user.ts';
import type { RouteModule } from '../../types.ts';

const postWalletGrant: RouteModule = (app, ctx) => {
  app.post(
    '/admin/wallets/:userId/grant',
    {
      schema: {
        tags: ['admin'],
        summary: "Add (or, with a negative amount, remove) credits on a user's wallet — admins only",
        security: [{ bearerAuth: [] }, { apiKey: [] }],
        params: z.strictObject({ userId: z.uuid() }),
        body: z.strictObject({
          amount: z
            .number()
            .int()
            .min(-1_000_000)
            .max(1_000_000)
            .refine((n) => n !== 0, 'must not be 0'),
          reason: z.enum(['admin_adjustment', 'topup']).default('admin_adjustment'),
          note: z.string().trim().max(500).optional(),
          idempotencyKey: z.string().min(1).max(200).optional(),
        }),
        response: {
          200: z.object({ transactionId: z.uuid(), applied: z.boolean(), balance: z.number().int() }),
        },
      },
      config: { adminOnly: true },
    },
    async (request) => {
      const admin = requireAdmin(request);
      const result = await grantCredits(ctx, {
        userId: request.params.userId,
        amount: request.body.amount,
        reason: request.body.reason,
        note: request.body.note,
        idempotencyKey: request.body.idempotencyKey,
        grantedBy: admin.id,
      });
      return { transactionId: result.id, applied: result.applied, balance: result.balance };
    },
  );
};

export default postWalletGrant;
