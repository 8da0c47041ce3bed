// Request and response shapes shared by the auth routes. Responses list every field they may carry,
// so nothing else (a password hash, a token hash) can ever be serialized.
import { z } from 'zod';

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(['user', 'admin']),
});

export const SessionSchema = z.object({
  user: UserSchema,
  accessToken: z.string().describe('HS256 JWT; send as `Authorization: Bearer <token>`'),
  refreshToken: z.string().describe('Opaque, single use; exchange at POST /api/auth/refresh'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
});

// Upper bounds only keep absurd bodies out; the services apply the real rules and name the field.
export const EmailField = z.string().max(320);
export const PasswordField = z.string().max(1024);
export const TokenField = z.string().min(1).max(256);

export const BEARER_OR_API_KEY: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKey: [] }];
