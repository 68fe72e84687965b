import { base64ToBytes } from '#shared/sync/base64';
import type { TableChunk } from '#shared/sync/protocol';
import type { SyncedTable } from '#shared/sync/tables';
import type { BinaryType } from './copy-binary';
import { readCopyBinary } from './copy-binary-read';
import { columnTypes } from './upsert-sql';

/**
 * A pulled chunk as the till holds it: a binary COPY chunk (`copy`, base64 on the wire) gets
 * its bytes decoded once, by the host's own base64 decoder where it has one.
 */
export type PulledChunk = TableChunk & { bytes?: Uint8Array };

export type Base64Decoder = (text: string) => Uint8Array;

export const withCopyBytes = (
  chunks: readonly TableChunk[],
  decode: Base64Decoder = base64ToBytes,
): PulledChunk[] => chunks.map((c) => (c.copy !== undefined ? { ...c, bytes: decode(c.copy) } : c));

/** The bytes of a binary COPY chunk (decoded here if the caller did not), or null for rows. */
export const copyBytes = (chunk: PulledChunk): Uint8Array | null =>
  chunk.bytes ?? (chunk.copy !== undefined ? base64ToBytes(chunk.copy) : null);

const binaryEncodable = new Set<string>(['text', 'boolean', 'integer', 'bigint', 'timestamptz']);
const binaryTypes = new Map<SyncedTable, BinaryType[] | null>();

/** The binary COPY types of a table's columns, where every one has a binary encoding here. */
export const binaryTypesOf = (table: SyncedTable): BinaryType[] | null => {
  if (!binaryTypes.has(table)) {
    const all = columnTypes(table);
    const supported = all.every((t): t is BinaryType => binaryEncodable.has(t));
    binaryTypes.set(table, supported ? (all as BinaryType[]) : null);
  }
  return binaryTypes.get(table) ?? null;
};

/** A chunk's rows, read from its COPY bytes if it came as such (`columns`: only those). */
export const chunkRows = (
  table: SyncedTable,
  chunk: PulledChunk,
  columns?: readonly number[],
): unknown[][] => {
  const bytes = copyBytes(chunk);
  if (!bytes) return chunk.rows;
  const types = binaryTypesOf(table);
  if (!types) throw new Error(`the hub sent ${table} as binary COPY, which this till cannot read`);
  return readCopyBinary(bytes, types, columns);
};
