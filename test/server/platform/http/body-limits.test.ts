import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CSV_BODY_BYTES, MAX_JSON_BODY_BYTES } from '#server/platform/http/body-limits';
import { request, startHarness, type Harness } from './harness';
import { rawExchange } from './raw-http';

const MiB = 1024 * 1024;
const upload = 'POST /api/v1/offers/offer-1/uploads HTTP/1.1';
const issue = 'POST /api/v1/offers/offer-1/coupons HTTP/1.1';
const host = 'Host: 127.0.0.1';

const errorOf = (body: string): { code: string; message: string } =>
  (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe('HTTP app: request body limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.server.close());

  it('has 1 MiB for JSON and 64 MiB for CSV uploads by default', () => {
    expect(MAX_JSON_BODY_BYTES).toBe(MiB);
    expect(MAX_CSV_BODY_BYTES).toBe(64 * MiB);
  });

  it('answers an unauthenticated 64 MiB upload with 401 before reading any of it, and hangs up', async () => {
    const res = await rawExchange(h.server, [upload, host, `Content-Length: ${64 * MiB}`]);
    expect(res.status).toBe(401);
    expect(res.sentBeforeAnswer).toBe(0);
    expect(res.headers.connection).toBe('close');
    expect(res.closedByServer).toBe(true);
    expect(h.calls).toHaveLength(0);
  });

  it('answers a signed-in role that may not upload with 403 before reading the body', async () => {
    const res = await rawExchange(h.server, [
      upload,
      host,
      'Authorization: Bearer tok-cashier',
      `Content-Length: ${64 * MiB}`,
    ]);
    expect(res.status).toBe(403);
    expect(res.sentBeforeAnswer).toBe(0);
    expect(res.closedByServer).toBe(true);
  });

  it('refuses a declared JSON body over 1 MiB with 413 before reading it', async () => {
    const res = await rawExchange(h.server, [
      issue,
      host,
      'Authorization: Bearer tok-admin',
      'Content-Type: application/json',
      `Content-Length: ${MiB + 1}`,
    ]);
    expect(res.status).toBe(413);
    expect(res.sentBeforeAnswer).toBe(0);
    expect(errorOf(res.body)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'the request body is larger than 1 MiB',
    });
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(h.calls).toHaveLength(0);
  });

  it('refuses a declared CSV upload over 64 MiB with 413 before reading it', async () => {
    const res = await rawExchange(h.server, [
      upload,
      host,
      'Authorization: Bearer tok-admin',
      'Content-Type: text/csv',
      `Content-Length: ${64 * MiB + 1}`,
    ]);
    expect(res.status).toBe(413);
    expect(res.sentBeforeAnswer).toBe(0);
    expect(errorOf(res.body).message).toBe(
      'the request body is larger than 64 MiB; split the file',
    );
  });

  it('cuts a chunked JSON body without a length off at 1 MiB while it streams', async () => {
    const res = await rawExchange(
      h.server,
      [issue, host, 'Authorization: Bearer tok-admin', 'Transfer-Encoding: chunked'],
      // 64 MiB would go out if nothing stopped it; the terminating chunk never does.
      { stream: { chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: 64 * MiB } },
    );
    expect(res.status).toBe(413);
    expect(errorOf(res.body).code).toBe('PAYLOAD_TOO_LARGE');
    // Answered while the body was still coming: past 1 MiB, long before 64 MiB (socket buffers).
    expect(res.sentBeforeAnswer).toBeGreaterThan(MiB);
    expect(res.sentBeforeAnswer).toBeLessThan(16 * MiB);
    expect(h.calls).toHaveLength(0);
  });

  it('lets a client still sending past the limit read the 413 (lingering close, not a reset)', async () => {
    // The client writes 2 MiB, is busy for a while, writes once more, and only then reads: a
    // server that closes outright resets the connection and the client never sees why.
    const res = await new Promise<{ status: number }>((resolvePromise, reject) => {
      const socket = connect(h.server.port, '127.0.0.1');
      let received = '';
      socket.on('error', reject);
      socket.on('data', (data: Buffer) => {
        received += data.toString('latin1');
      });
      socket.on('end', () =>
        resolvePromise({ status: Number(received.split('\r\n')[0]?.split(' ')[1]) }),
      );
      socket.pause();
      socket.on('connect', () => {
        socket.write(
          `${[issue, host, 'Authorization: Bearer tok-admin', 'Transfer-Encoding: chunked'].join('\r\n')}\r\n\r\n`,
        );
        const frame = Buffer.concat([
          Buffer.from(`${MiB.toString(16)}\r\n`),
          Buffer.alloc(MiB, 0x20),
          Buffer.from('\r\n'),
        ]);
        socket.write(frame);
        socket.write(frame);
        setTimeout(() => {
          socket.write(frame, () => setTimeout(() => socket.resume(), 200));
        }, 300);
      });
    });
    expect(res.status).toBe(413);
  });

  it('takes a JSON body just under 1 MiB', async () => {
    const code = 'x'.repeat(MiB - 200);
    const res = await request(h.server, 'POST', '/api/v1/offers/offer-1/coupons', {
      token: 'tok-admin',
      body: JSON.stringify({ customer: { userId: '42' }, code }),
    });
    expect(res.status).toBe(200);
    expect((h.calls.at(-1)?.input as { code: string }).code).toHaveLength(code.length);
  });

  it('lets a till push a batch of facts larger than 1 MiB (bulk operations keep a larger limit)', async () => {
    const facts = Array.from({ length: 1000 }, (_, i) => ({
      tillSeq: i + 1,
      clientId: `0190aaaa-bbbb-7ccc-8ddd-${String(i).padStart(12, '0')}`,
      kind: 'REDEMPTION',
      deviceTime: '2025-03-04T05:06:07.000Z',
      leaseId: null,
      payload: { items: 'i'.repeat(2000) },
    }));
    const body = JSON.stringify({ facts });
    expect(body.length).toBeGreaterThan(2 * MiB);
    const res = await request(h.server, 'POST', '/api/v1/sync/push', { token: 'tok-device', body });
    expect(res.status).toBe(200);
  });
});
