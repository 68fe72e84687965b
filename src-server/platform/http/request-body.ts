import { ApiError } from '#shared/api/errors';
import { TextDecoder } from 'node:util';

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / 1024 / 1024} MiB`
    : `${bytes} bytes`;

export const payloadTooLarge = (limit: number, csv: boolean): ApiError =>
  new ApiError(
    'PAYLOAD_TOO_LARGE',
    `the request body is larger than ${sizeText(limit)}${csv ? '; split the file' : ''}`,
    { limitBytes: limit },
  );

/** Whether the request says it has a body (a declared length above 0, or a chunked one). */
export const declaresBody = (request: Request): boolean => {
  const length = request.headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  return request.headers.get('transfer-encoding') !== null;
};

/**
 * Refuses a body whose declared Content-Length is over the limit, before any of it is read.
 * A chunked body has no declared length; readBodyBytes cuts it off while streaming.
 */
export const checkDeclaredLength = (request: Request, limit: number, csv: boolean): void => {
  const length = request.headers.get('content-length');
  if (length !== null && Number(length) > limit) throw payloadTooLarge(limit, csv);
};

/** The whole body, refusing (413) as soon as more than `limit` bytes have arrived. */
export const readBodyBytes = async (
  request: Request,
  limit: number,
  csv: boolean,
): Promise<Uint8Array> => {
  checkDeclaredLength(request, limit, csv);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // The transport drains or closes what is left once the 413 has been sent.
      void reader.cancel().catch(() => undefined);
      throw payloadTooLarge(limit, csv);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** The body as text, or null when it is not valid UTF-8 (a leading BOM is dropped). */
export const decodeUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
};

/** The body with each invalid UTF-8 sequence as U+FFFD: only to say where the damage is. */
export const decodeLenient = (bytes: Uint8Array): string => lenientUtf8.decode(bytes);
