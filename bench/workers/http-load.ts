/**
 * Load over HTTP with autocannon: `amount` POSTs of JSON bodies from `bodyOf(i)` (a distinct
 * code per request where the work needs it) over `connections` keep-alive connections.
 */
import autocannon from 'autocannon';

export type LoadResult = {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses other than 2xx, and connection errors: a correct run has none. */
  non2xx: number;
  errors: number;
};

export async function postLoad(options: {
  url: string;
  path: string;
  token?: string;
  connections: number;
  amount: number;
  bodyOf: (i: number) => unknown;
}): Promise<LoadResult> {
  let next = 0;
  // autocannon's own `duration` counts whole ticks of its 1 s sampler (2,000 requests in 2.2 s
  // read as 2.01 s or 3.01 s), so a short run's rate is timed here instead.
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(options.bodyOf(next++)) }),
      },
    ],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
