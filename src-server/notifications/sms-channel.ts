import { SendFailure, type OutgoingSms, type ProviderReceipt } from '#shared/notifications/types';

export type SmsConfig = {
  /** The gateway's endpoint: it receives POST {to, text, unicode} as JSON. */
  url: string;
  /** One header line sent with every request, e.g. "Authorization: Bearer abc". */
  authHeader?: string | null;
  timeoutMs?: number;
};

export type SmsChannel = { send(message: OutgoingSms): Promise<ProviderReceipt> };

/** "Name: value" → [name, value]; refuses anything else so a typo is caught at start-up. */
export function parseHeaderLine(line: string): [string, string] {
  const at = line.indexOf(':');
  const name = at > 0 ? line.slice(0, at).trim() : '';
  if (!/^[A-Za-z0-9-]+$/.test(name)) {
    throw new Error(
      `--sms-auth-header must look like "Authorization: Bearer TOKEN", got "${line}"`,
    );
  }
  return [name, line.slice(at + 1).trim()];
}

/** Connection errors that mean the request never reached the gateway. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Statuses that say the gateway did not process the request. */
const NOT_PROCESSED = new Set([408, 425, 429, 502, 503, 504]);

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = cause?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

async function snippet(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * SMS through an HTTP gateway. Every request carries an Idempotency-Key (the job's id), so
 * a gateway that honours it turns a replay into a no-op. Failure kinds: no connection, or
 * 408/425/429/502/503/504 → retry; other 4xx (and 501) → refused for good; a timeout, a reset
 * mid-request or another 5xx → unknown (it may have been sent), never retried.
 */
export function createSmsChannel(config: SmsConfig): SmsChannel {
  const extra = config.authHeader ? [parseHeaderLine(config.authHeader)] : [];
  const timeoutMs = config.timeoutMs ?? 15_000;
  return {
    async send(m) {
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': m.idempotencyKey,
            ...Object.fromEntries(extra),
          },
          body: JSON.stringify({ to: m.to, text: m.text, unicode: m.unicode }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const code = errorCode(error);
        const text = `${code ?? (error as Error).name}: ${(error as Error).message}`;
        throw new SendFailure(
          code !== undefined && NOT_CONNECTED.has(code) ? 'RETRYABLE' : 'UNCERTAIN',
          text,
        );
      }
      if (response.ok) {
        const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
        const id = body?.id ?? body?.messageId ?? body?.message_id ?? null;
        return { providerId: id === null || id === undefined ? null : String(id) };
      }
      const text = `HTTP ${response.status}: ${await snippet(response)}`;
      if (NOT_PROCESSED.has(response.status)) throw new SendFailure('RETRYABLE', text);
      if (response.status < 500 || response.status === 501)
        throw new SendFailure('PERMANENT', text);
      throw new SendFailure('UNCERTAIN', text);
    },
  };
}
