import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function body(code: ErrorCode | string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/**
 * Turns validation issues (ajv-style, as fastify-type-provider-zod reports them) into
 * "field: message", naming the field by its dotted path inside the request part.
 */
function describeValidation(err: FastifyError & { validation?: any[]; validationContext?: string }) {
  const issues = (err.validation ?? []).map((v: any) => {
    const path = String(v.instancePath ?? '')
      .split('/')
      .filter(Boolean)
      .map((segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (v.keyword === 'unrecognized_keys' && v.params?.keys?.length) path.push(String(v.params.keys[0]));
    if (v.keyword === 'required' && v.params?.missingProperty) path.push(String(v.params.missingProperty));
    const field = path.join('.') || err.validationContext || 'body';
    const message = v.keyword === 'unrecognized_keys' ? 'is not a known field' : (v.message ?? 'is invalid');
    return { field, message, in: err.validationContext ?? 'body' };
  });
  const first = issues[0] ?? { field: err.validationContext ?? 'body', message: 'is invalid' };
  return { message: `${first.field}: ${first.message}`, details: { field: first.field, issues } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err) || (err as any).validation) {
      const { message, details } = describeValidation(err as any);
      return reply.status(400).send(body('validation_failed', message, details));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its declared schema');
      return reply.status(500).send(body('internal', 'Internal server error'));
    }
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && err instanceof SyntaxError)) {
      return reply.status(400).send(body('invalid_json', 'Request body is not valid JSON', { field: 'body' }));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return reply.status(413).send(body('payload_too_large', 'Request body is too large'));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      return reply.status(415).send(body('unsupported_media_type', err.message));
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send(body('validation_failed', 'body: must not be empty', { field: 'body' }));
    }
    if (status >= 400 && status < 500) {
      const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((c) => ERROR_STATUS[c] === status) ?? 'validation_failed';
      return reply.status(status).send(body(code, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`));
  });
}
