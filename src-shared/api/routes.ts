/** Route helpers shared by the HTTP server, the HTTP client and the OpenAPI document. */

export const API_PREFIX = '/api/v1';

/** Names of the `:params` in an Express-style path, in order. */
export const pathParams = (path: string): string[] =>
  path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));

/** `/offers/:id` → `/offers/{id}` (OpenAPI's template syntax). */
export const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Fills `:params` from the input, URL-encoded; a missing one is the caller's bug. */
export const fillPath = (path: string, input: Record<string, unknown>): string =>
  path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = input[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`path parameter ${name} is missing for ${path}`);
    }
    return encodeURIComponent(String(value));
  });

/** A query string from the non-path fields; arrays repeat the key, undefined is left out. */
export const toQueryString = (fields: Record<string, unknown>): string => {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null) continue;
      const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

/** Splits an input into path values and the rest (query or body). */
export const withoutPathParams = (
  path: string,
  input: Record<string, unknown>,
): Record<string, unknown> => {
  const params = new Set(pathParams(path));
  return Object.fromEntries(Object.entries(input).filter(([key]) => !params.has(key)));
};
