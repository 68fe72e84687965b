import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startHarness, type Harness } from './harness';

describe('HTTP app: CSV in and out', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      {
        'uploads-issues': (input) => ({
          csv: `row,identifier,field,reason\r\n2,${(input as { id: string }).id},email,"not, valid"\r\n`,
        }),
      },
      { maxBodyBytes: 256 * 1024 },
    );
  });
  afterAll(() => h.server.close());

  it('passes the raw text/csv body as input.csv with query params and the path id', async () => {
    const csv = 'email,name\r\nana@example.com,"Ana, María"\r\nbo@example.com,Bø\r\n';
    const res = await request(
      h.server,
      'POST',
      '/api/v1/offers/offer-3/uploads?kind=CODES_WITH_CUSTOMERS&fileName=march.csv',
      { token: 'tok-back-office', body: csv, headers: { 'content-type': 'text/csv' } },
    );
    expect(res.status).toBe(200);
    expect(h.calls.at(-1)?.input).toEqual({
      id: 'offer-3',
      csv,
      kind: 'CODES_WITH_CUSTOMERS',
      fileName: 'march.csv',
    });
  });

  it('applies the defaults for kind and fileName', async () => {
    await request(h.server, 'POST', '/api/v1/offers/offer-3/uploads', {
      token: 'tok-back-office',
      body: 'email\n',
    });
    expect(h.calls.at(-1)?.input).toEqual({
      id: 'offer-3',
      csv: 'email\n',
      kind: 'CUSTOMERS',
      fileName: 'upload.csv',
    });
  });

  it('rejects an unknown kind with 400', async () => {
    const res = await request(h.server, 'POST', '/api/v1/offers/offer-3/uploads?kind=PEOPLE', {
      token: 'tok-back-office',
      body: 'email\n',
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'kind',
    );
  });

  it('answers 413 with an error body when the upload exceeds the limit, and calls nothing', async () => {
    const before = h.calls.length;
    const res = await request(h.server, 'POST', '/api/v1/offers/offer-3/uploads', {
      token: 'tok-back-office',
      body: 'x'.repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
    expect((res.json as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('262144 bytes'),
    });
    expect(h.calls.length).toBe(before);
  });

  it('answers text/csv from output.csv, as a download', async () => {
    const res = await request(h.server, 'GET', '/api/v1/uploads/up-9/issues.csv', {
      token: 'tok-back-office',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="issues.csv"');
    expect(res.text).toBe('row,identifier,field,reason\r\n2,up-9,email,"not, valid"\r\n');
  });
});

describe('HTTP app: default body limit', () => {
  it('takes a 20 MB CSV intact', async () => {
    const h = await startHarness();
    try {
      const csv =
        'userId,email\n' + '1234567,someone@example.com\n'.repeat(Math.floor(20_000_000 / 28));
      const res = await request(h.server, 'POST', '/api/v1/offers/o/uploads', {
        token: 'tok-admin',
        body: csv,
      });
      expect(res.status).toBe(200);
      const received = (h.calls[0]?.input as { csv: string }).csv;
      expect(received.length).toBe(csv.length);
      expect(received === csv).toBe(true);
    } finally {
      await h.server.close();
    }
  });
});
