import type { StoreContext } from '#shared/domain/org';
import type { SqlPort } from '#shared/sql/port';
import { resolveStoreContext } from '../org/index';

/**
 * Store contexts of the tills validating and redeeming, remembered briefly per database: the
 * org tree changes rarely and every scan at a till would otherwise spend a statement on it.
 * A change to a store (zone, time zone, currency) is seen within STORE_CONTEXT_TTL_MS.
 * Unknown stores and tills are never remembered, so they fail fresh every time.
 */
export const STORE_CONTEXT_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

type Entry = { context: StoreContext; until: number };
const caches = new WeakMap<SqlPort, Map<string, Entry>>();

export async function storeContextOf(
  sql: SqlPort,
  storeId: string,
  tillId: string,
  nowMs: number = Date.now(),
): Promise<StoreContext> {
  let cache = caches.get(sql);
  if (!cache) {
    cache = new Map();
    caches.set(sql, cache);
  }
  const key = `${storeId}\u0000${tillId}`;
  const hit = cache.get(key);
  if (hit && hit.until > nowMs) return hit.context;
  const context = await resolveStoreContext(sql, storeId, tillId);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { context, until: nowMs + STORE_CONTEXT_TTL_MS });
  return context;
}
