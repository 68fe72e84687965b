import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const isFile = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

const respond = async (path: string, immutable: boolean): Promise<Response> =>
  new Response(await readFile(path), {
    headers: {
      'content-type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
      // Vite fingerprints everything under assets/; index.html must always be fresh.
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });

/**
 * Serves the built renderer. Paths without a file extension fall back to index.html so the
 * client-side router can handle deep links; a missing asset is a plain 404.
 */
export const createStaticHandler = (staticDir: string) => {
  const root = resolve(staticDir);
  return async (urlPath: string): Promise<Response | null> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const target = normalize(join(root, decoded));
    // Never leave the static root ("/../../etc/passwd").
    if (target !== root && !target.startsWith(root + sep)) return null;
    if (await isFile(target)) return respond(target, target.includes(`${sep}assets${sep}`));
    if (extname(decoded) === '') {
      const index = join(root, 'index.html');
      if (await isFile(index)) return respond(index, false);
    }
    return null;
  };
};
