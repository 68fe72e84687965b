import { describe, expect, it } from 'vitest';
import { createHttpClient, type FetchLike } from '#shared/api/http-client';
import { operations, type OperationName, type OpInput } from '#shared/api/operations';

type Sent = { url: string; method: string; headers: Record<string, string>; body?: string };

/**
 * How the shared HTTP client (used by the renderer, the tills and the tests) maps one call
 * onto a request, seen through a fake fetch that answers 200 {}.
 */
async function requestOf<K extends OperationName>(
  name: K,
  input: Record<string, unknown>,
  token?: string,
): Promise<Sent> {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, ...init });
    return { status: 200, ok: true, headers: { get: () => null }, text: async () => '{}' };
  };
  await createHttpClient('', token, { fetch }).send(name, input as OpInput<K>);
  const [only] = sent;
  if (only === undefined) throw new Error('no request was sent');
  return only;
}

describe('shared HTTP client: request mapping', () => {
  it('puts GET inputs in the query, repeating arrays and leaving out undefined', async () => {
    const req = await requestOf('series-list', {
      orgEntityType: 'STORE',
      orgEntityIds: ['s1', 's2'],
      extra: undefined,
    });
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/v1/series?orgEntityType=STORE&orgEntityIds=s1&orgEntityIds=s2');
    expect(req.body).toBeUndefined();
    expect(req.headers.authorization).toBeUndefined();
  });

  it('cuts path params out of the input and encodes them; sends the bearer token', async () => {
    const req = await requestOf('customers-get', { ref: 'email:a+b@x.io' }, 'tok');
    expect(req.url).toBe('/api/v1/customers/email%3Aa%2Bb%40x.io');
    expect(req.headers.authorization).toBe('Bearer tok');
  });

  it('sends other methods as JSON without the path params', async () => {
    const req = await requestOf('offers-claim', {
      id: 'o1',
      consumerType: 'LOYALTY',
      consumerId: 'p1',
      consumerName: 'Gold',
    });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/v1/offers/o1/claims');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body ?? '')).toEqual({
      consumerType: 'LOYALTY',
      consumerId: 'p1',
      consumerName: 'Gold',
    });
  });

  it('keeps GET booleans and numbers readable by the query schemas', async () => {
    const input = { q: 'diwali sale', activeOnly: true, sort: 'created', limit: 100, offset: 200 };
    const req = await requestOf('offers-list', input);
    expect(req.url).toBe(
      '/api/v1/offers?q=diwali%20sale&activeOnly=true&sort=created&limit=100&offset=200',
    );
    const parsed = operations['offers-list'].input.parse(
      Object.fromEntries(new URL(req.url, 'http://x').searchParams),
    );
    expect(parsed).toEqual(input);
  });

  it('posts csv bodies as text/csv with the other fields in the query', async () => {
    const csv = 'email\na@b.co\n';
    const req = await requestOf('uploads-create', {
      id: 'o 1',
      kind: 'CUSTOMERS',
      fileName: 'list.csv',
      csv,
    });
    expect(req.url).toBe('/api/v1/offers/o%201/uploads?kind=CUSTOMERS&fileName=list.csv');
    expect(req.headers['content-type']).toMatch(/^text\/csv/);
    expect(req.body).toBe(csv);
  });

  it('refuses a call that lacks a path param instead of hitting the wrong URL', async () => {
    await expect(requestOf('offers-get', { id: '' })).rejects.toThrow(/id is missing/);
  });
});
