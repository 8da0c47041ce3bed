// One JSON request to a provider's API. Its errors name the provider, the status and the provider's
// own message, with every secret cut out: they end up in job errors and logs, and a provider that
// echoes the request back (PiAPI returns the webhook secret) must not leak through them.
export class ProviderError extends Error {
  constructor(
    message: string,
    /** False for answers a retry won't change (4xx other than 408/429). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ProviderRequest {
  provider: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Values scrubbed from any error text. */
  secrets: (string | undefined)[];
}

export function redactSecrets(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

export async function callProvider<T = unknown>(request: ProviderRequest): Promise<T> {
  const { provider, url, method = 'POST', headers = {}, body, secrets } = request;
  const signals = [AbortSignal.timeout(request.timeoutMs ?? 30_000)];
  if (request.signal) signals.push(request.signal);
  const fail = (message: string, retryable: boolean) => new ProviderError(redactSecrets(`${provider}: ${message}`, secrets), retryable);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any(signals),
      redirect: 'error',
    });
  } catch (err) {
    throw fail(`request failed (${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message})`, true);
  }
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const detail = describe(json) ?? text.slice(0, 200);
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw fail(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`, retryable);
  }
  if (json === null) throw fail('answered with something other than JSON', true);
  return json as T;
}

function describe(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, any>;
  const candidate = o.error?.message ?? o.message ?? o.error ?? o.detail ?? o.data?.error?.message;
  return typeof candidate === 'string' ? candidate.slice(0, 200) : undefined;
}
