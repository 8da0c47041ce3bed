import { MailTransportError } from './mail-transport-error.ts';

export interface SmtpEndpoint {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://); smtp:// still upgrades with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Forms of the password as they may appear in text, for redaction. */
  secrets: string[];
}

const defaultPorts = { 'smtp:': 587, 'smtps:': 465 } as const;

/**
 * Parses `smtp://user:pass@host:port` or `smtps://…`. Errors never echo the
 * URL, since it carries the password.
 */
export function parseSmtpUrl(smtpUrl: string): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new MailTransportError('SMTP URL is not a valid URL (expected smtp://user:pass@host:port or smtps://…)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailTransportError(`SMTP URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (url.hostname === '') throw new MailTransportError('SMTP URL has no host');
  if (url.search !== '' || (url.pathname !== '' && url.pathname !== '/')) {
    throw new MailTransportError('SMTP URL must not have a path or query parameters');
  }

  const user = decode(url.username, 'user name');
  const pass = decode(url.password, 'password');
  return {
    // IPv6 literals keep their brackets in URL.hostname; sockets want them bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? defaultPorts[url.protocol] : Number(url.port),
    secure: url.protocol === 'smtps:',
    ...(user !== '' || pass !== '' ? { auth: { user, pass } } : {}),
    secrets: [...new Set([pass, url.password])].filter((s) => s !== ''),
  };
}

function decode(component: string, what: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new MailTransportError(`SMTP URL ${what} is not valid percent-encoding`);
  }
}
