import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Stand-ins for the outside world: a real SMTP server (smtp-server) that keeps every message
 * it accepts, and an HTTP SMS gateway (node:http) that keeps every request. Each can be told
 * how to answer, to exercise the failure paths.
 */
export type ReceivedMail = {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  idempotencyKey: string;
  text: string;
  raw: string;
};

const decodeQp = (s: string): Buffer => {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i] as string;
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes);
};

/** RFC 2047 encoded words, as nodemailer writes a non-ASCII subject. */
const decodeWords = (s: string): string =>
  s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QBqb])\?([^?]*)\?=/g,
      (_, _charset: string, enc: string, data: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64').toString('utf8')
          : decodeQp(data.replace(/_/g, ' ')).toString('utf8'),
    );

/** A single-part text/plain message, as the SMTP channel sends. */
export function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const at = line.indexOf(':');
    headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQp(body).toString('utf8')
        : body;
  return {
    from,
    to,
    subject: decodeWords(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    idempotencyKey: headers.get('x-counterfoil-idempotency-key') ?? '',
    text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''),
    raw,
  };
}

export type FakeSmtp = {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Answer for RCPT TO: null accepts; otherwise an SMTP reply code and text. */
  rcptReply: ((to: string) => { code: number; message: string } | null) | null;
  close(): Promise<void>;
};

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const state: Pick<FakeSmtp, 'mails' | 'rcptReply'> = { mails: [], rcptReply: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = state.rcptReply?.(address.address) ?? null;
      if (reply === null) return callback();
      const error = Object.assign(new Error(reply.message), { responseCode: reply.code });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        state.mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), from, to));
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    get mails() {
      return state.mails;
    },
    get rcptReply() {
      return state.rcptReply;
    },
    set rcptReply(v) {
      state.rcptReply = v;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  } as FakeSmtp;
}

export type SmsRequest = {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; unicode: boolean };
};

export type FakeGateway = {
  url: string;
  requests: SmsRequest[];
  /** Status and body per request; default 200 {"id": "gw-N"}. "hang" never answers. */
  reply: ((req: SmsRequest, n: number) => { status: number; body: string } | 'hang') | null;
  close(): Promise<void>;
};

export async function startFakeGateway(): Promise<FakeGateway> {
  const requests: SmsRequest[] = [];
  const gw = { reply: null as FakeGateway['reply'] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: SmsRequest = {
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SmsRequest['body'],
      };
      requests.push(entry);
      const answer = gw.reply?.(entry, requests.length) ?? {
        status: 200,
        body: JSON.stringify({ id: `gw-${requests.length}` }),
      };
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    get reply() {
      return gw.reply;
    },
    set reply(v) {
      gw.reply = v;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  } as FakeGateway;
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', () => done()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}
