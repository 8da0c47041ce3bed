import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A route file's default export: registers one route. */
export type RouteModule = (app: AppInstance, ctx: AppContext) => void;

/** Who is calling, resolved from a Bearer access token or an X-API-Key header. */
export interface AuthUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
  via: 'jwt' | 'api_key';
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyContextConfig {
    /** Listed in the ownership sweep: the `:id` in this route's URL names a resource owned by a user. */
    ownedResource?: string;
    /** Not owned by anyone (public lookups by id); the ownership sweep skips it. */
    publicResource?: boolean;
    /** Administrators only (any target): the ownership sweep skips it; admin checks are tested per route. */
    adminOnly?: boolean;
  }
}
