import { z } from 'zod';
import { normalizeEmail } from '../../../modules/auth/normalize-email.ts';
import { requestPasswordReset } from '../../../modules/auth/request-password-reset.ts';
import type { RouteModule } from '../../types.ts';
import { EmailField } from './schemas.ts';

const postRecover: RouteModule = (app, ctx) => {
  // The reset work runs after the answer, so the answer is the same, and as fast, whether or not the
  // address has an account. Pending work is awaited on shutdown.
  const pending = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });

  app.post(
    '/auth/recover',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password-reset e-mail',
        description: 'Always 202: the answer does not tell whether the address has an account.',
        body: z.strictObject({ email: EmailField }),
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      const work = requestPasswordReset(ctx, email)
        .catch((err: unknown) => request.log.error({ err }, 'password reset request failed'))
        .finally(() => pending.delete(work));
      pending.add(work);
      return reply.status(202).send({ message: 'If an account exists for this address, a reset e-mail is on its way.' });
    },
  );
};

export default postRecover;
