import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** What a registered till keeps in its data dir: which hub, and its device credential. */
export type DeviceFile = {
  hubUrl: string;
  deviceId: string;
  tillId: string;
  storeId: string;
  token: string;
};

export const deviceFilePath = (dataDir: string): string => join(dataDir, 'hub-device.json');

export const readDeviceFile = async (dataDir: string): Promise<DeviceFile | null> => {
  try {
    const parsed = JSON.parse(
      await readFile(deviceFilePath(dataDir), 'utf8'),
    ) as Partial<DeviceFile>;
    if (
      typeof parsed.hubUrl === 'string' &&
      typeof parsed.deviceId === 'string' &&
      typeof parsed.tillId === 'string' &&
      typeof parsed.storeId === 'string' &&
      typeof parsed.token === 'string'
    ) {
      return parsed as DeviceFile;
    }
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** Written to a temporary file, fsync'd, then renamed: a crash leaves the old file or the new. */
export const writeDeviceFile = async (dataDir: string, device: DeviceFile): Promise<void> => {
  const path = deviceFilePath(dataDir);
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(device, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
};
