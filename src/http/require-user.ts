import type { FastifyRequest } from 'fastify';
import { AppError, unauthorized } from '../errors.ts';
import type { AuthUser } from './types.ts';

/** The authenticated caller, or 401 when the request carried no credentials. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The authenticated caller if an administrator: 401 without credentials, 403 for other users. */
export function requireAdmin(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (user.role !== 'admin') throw new AppError('forbidden', 'Administrator role required');
  return user;
}
