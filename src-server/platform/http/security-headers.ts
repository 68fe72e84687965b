/**
 * What the built renderer needs and nothing more: its own scripts, stylesheets and API (same
 * origin), the `data:,` favicon. React sets inline styles through the CSSOM, which style-src
 * does not govern, so no 'unsafe-inline'. Keep in step with the meta tag in
 * src-renderer/index.html (which cannot carry frame-ancestors).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data: a browser that renders one anyway may load and run nothing. */
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Adds the headers every response carries: no MIME sniffing (a CSV or JSON answer is never run
 * as script or HTML), no framing, no referrer leaking tokens or ids in URLs to other sites.
 */
export const withSecurityHeaders = (response: Response, api: boolean): Response => {
  const set = (headers: Headers): void => {
    headers.set('x-content-type-options', 'nosniff');
    headers.set('content-security-policy', api ? API_CSP : APP_CSP);
    headers.set('referrer-policy', 'no-referrer');
    headers.set('x-frame-options', 'DENY');
  };
  try {
    set(response.headers);
    return response;
  } catch {
    // Immutable headers (a Response that came from fetch): copy it.
    const copy = new Response(response.body, response);
    set(copy.headers);
    return copy;
  }
};
