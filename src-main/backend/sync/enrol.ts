import { ApiError } from '#shared/api/errors';
import { bindHub } from '#shared/services/sync/till/state';
import type { SqlPort } from '#shared/sql/port';
import { readDeviceFile, writeDeviceFile, type DeviceFile } from './device-file';
import { createHubClient, isUnreachable } from './hub-link';

export type EnrolOptions = {
  dataDir: string;
  sql: SqlPort;
  hubUrl: string;
  /** One-time code from `counterfoil hub --demo` or the sync-enrolments-create operation. */
  enrolCode?: string;
  /** Keep trying this long while the hub is unreachable (first start before the hub). */
  waitMs?: number;
  log?: (line: string) => void;
};

const sameHub = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The till's device credential for this hub: read from the data dir, or obtained once with an
 * enrolment code and kept there (the hub stores only its hash). Also records the hub in the
 * replica's sync state.
 */
export async function ensureRegistration(options: EnrolOptions): Promise<DeviceFile> {
  const log = options.log ?? (() => undefined);
  const existing = await readDeviceFile(options.dataDir);
  if (existing && sameHub(existing.hubUrl, options.hubUrl) && options.enrolCode === undefined) {
    await bindHub(options.sql, existing);
    return existing;
  }
  if (options.enrolCode === undefined) {
    throw new Error(
      `this till is not registered with the hub at ${options.hubUrl}: start it once with --enrol CODE ` +
        '(printed by `counterfoil hub --demo`, or made by back office with sync-enrolments-create)',
    );
  }
  const client = createHubClient(options.hubUrl, undefined, 10_000);
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (;;) {
    try {
      const out = await client.send('sync-register', { enrolmentCode: options.enrolCode });
      const device: DeviceFile = { hubUrl: options.hubUrl, ...out };
      await writeDeviceFile(options.dataDir, device);
      await bindHub(options.sql, device);
      log(
        `registered with the hub at ${options.hubUrl} as till ${device.tillId} (store ${device.storeId})`,
      );
      return device;
    } catch (error) {
      if (!isUnreachable(error) || Date.now() > deadline) {
        const why = error instanceof ApiError ? error.message : String(error);
        throw new Error(`could not register with the hub at ${options.hubUrl}: ${why}`);
      }
      log(`hub at ${options.hubUrl} not reachable yet; retrying registration…`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
