import { describe, expect, it } from 'vitest';
import { operations } from '../../../src-shared/api/operations';
import { buildHttpRequest, toQueryString } from '../../../src-renderer/api/http-request';

describe('buildHttpRequest', () => {
  it('puts GET inputs in the query, repeating arrays and leaving out undefined', () => {
    const req = buildHttpRequest(
      operations['series-list'],
      { orgEntityType: 'STORE', orgEntityIds: ['s1', 's2'], extra: undefined },
      null,
    );
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/v1/series?orgEntityType=STORE&orgEntityIds=s1&orgEntityIds=s2');
    expect(req.body).toBeUndefined();
    expect(req.headers.authorization).toBeUndefined();
  });

  it('cuts path params out of the input and encodes them', () => {
    const req = buildHttpRequest(operations['customers-get'], { ref: 'email:a+b@x.io' }, 'tok');
    expect(req.url).toBe('/api/v1/customers/email%3Aa%2Bb%40x.io');
    expect(req.headers.authorization).toBe('Bearer tok');
  });

  it('sends other methods as JSON without the path params', () => {
    const req = buildHttpRequest(
      operations['offers-claim'],
      { id: 'o1', consumerType: 'LOYALTY', consumerId: 'p1', consumerName: 'Gold' },
      null,
    );
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/v1/offers/o1/claims');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body ?? '')).toEqual({
      consumerType: 'LOYALTY',
      consumerId: 'p1',
      consumerName: 'Gold',
    });
  });

  it('keeps GET booleans and numbers readable by the query schemas', () => {
    const req = buildHttpRequest(
      operations['offers-list'],
      { q: 'diwali sale', activeOnly: true, sort: 'created', limit: 100, offset: 200 },
      null,
    );
    expect(req.url).toBe(
      '/api/v1/offers?q=diwali+sale&activeOnly=true&sort=created&limit=100&offset=200',
    );
    const parsed = operations['offers-list'].input.parse(
      Object.fromEntries(new URL(req.url, 'http://x').searchParams),
    );
    expect(parsed).toEqual({
      q: 'diwali sale',
      activeOnly: true,
      sort: 'created',
      limit: 100,
      offset: 200,
    });
  });

  it('posts csv bodies as text/csv with the other fields in the query', () => {
    const csv = 'email\na@b.co\n';
    const req = buildHttpRequest(
      operations['uploads-create'],
      { id: 'o 1', kind: 'CUSTOMERS', fileName: 'list.csv', csv },
      null,
    );
    expect(req.url).toBe('/api/v1/offers/o%201/uploads?kind=CUSTOMERS&fileName=list.csv');
    expect(req.headers['content-type']).toMatch(/^text\/csv/);
    expect(req.body).toBe(csv);
  });

  it('refuses a call that lacks a path param instead of hitting the wrong URL', () => {
    expect(() => buildHttpRequest(operations['offers-get'], { id: '' }, null)).toThrow(
      /id is required/,
    );
  });
});

describe('toQueryString', () => {
  it('is empty when nothing is set', () => {
    expect(toQueryString({ a: undefined, b: null })).toBe('');
  });
});
