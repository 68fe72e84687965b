import { connect, type Socket } from 'node:net';
import type { RunningServer } from '#server/platform/http/listen';

export type RawResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the client had handed to the socket when the answer's head arrived. */
  sentBeforeAnswer: number;
  /** Whether the server closed the connection within `closeWithinMs` of answering. */
  closedByServer: boolean;
};

type Options = {
  /** Written right after the head (e.g. a complete small body). */
  body?: Buffer;
  /** Keep writing this chunk (chunked encoding) until an answer arrives or `maxBytes` went out. */
  stream?: { chunk: Buffer; maxBytes: number };
  closeWithinMs?: number;
  timeoutMs?: number;
};

const parseHead = (head: string): { status: number; headers: Record<string, string> } => {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
};

/**
 * One HTTP/1.1 exchange over a bare socket, so a test controls exactly what the client sends
 * (a declared length it never sends, a chunked body that never ends) and sees when the server
 * answers and whether it hangs up.
 */
export const rawExchange = (
  server: RunningServer,
  head: string[],
  options: Options = {},
): Promise<RawResponse> =>
  new Promise((resolvePromise, reject) => {
    const socket: Socket = connect(server.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let sent = 0;
    let answeredAt: number | null = null;
    let sentBeforeAnswer = 0;
    let finished = false;
    const timer = setTimeout(
      () => finish(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)),
      options.timeoutMs ?? 10_000,
    );

    const result = (closedByServer: boolean): RawResponse => {
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const parsed = parseHead(text.slice(0, end));
      return { ...parsed, body: text.slice(end + 4), sentBeforeAnswer, closedByServer };
    };
    const finish = (error: Error | null, closedByServer = false): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolvePromise(result(closedByServer));
    };

    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (answeredAt === null && received.includes('\r\n\r\n')) {
        answeredAt = Date.now();
        sentBeforeAnswer = sent;
        // Give the server a moment to hang up, then settle either way.
        setTimeout(() => finish(null, false), options.closeWithinMs ?? 1_000);
      }
    });
    socket.on('end', () =>
      answeredAt === null ? finish(new Error('closed without an answer')) : finish(null, true),
    );
    socket.on('error', (error) => (answeredAt === null ? finish(error) : finish(null, true)));

    socket.on('connect', () => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      if (options.body) {
        socket.write(options.body);
        sent += options.body.length;
      }
      const stream = options.stream;
      if (!stream) return;
      const frame = Buffer.concat([
        Buffer.from(`${stream.chunk.length.toString(16)}\r\n`),
        stream.chunk,
        Buffer.from('\r\n'),
      ]);
      const pump = (): void => {
        while (answeredAt === null && !finished && sent < stream.maxBytes) {
          sent += stream.chunk.length;
          if (!socket.write(frame)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  });
