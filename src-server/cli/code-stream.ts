import type { RandomizedSeries, UniqueCodeGenerator } from '../../src-shared/codes';
import type { ByteSink } from './byte-sink';

/**
 * Streams codes to a sink a chunk at a time: codes are spelled straight into byte buffers (no
 * string per code) and each buffer is handed to the sink, which waits for room. Memory is a few
 * chunks regardless of the count. Returns how many codes were written (fewer than asked only if
 * stdout's reader went away).
 */
export const CHUNK_CODES = 65_536;

export type StreamProgress = (written: number) => void;

export async function streamRandomizedSeries(
  series: RandomizedSeries,
  start: number,
  count: number,
  sink: ByteSink,
  onChunk?: StreamProgress,
): Promise<number> {
  const stride = series.length + 1;
  let written = 0;
  while (written < count) {
    const n = Math.min(CHUNK_CODES, count - written);
    // A fresh buffer per chunk: the sink may still hold the previous one.
    const chunk = new Uint8Array(n * stride);
    series.writeLines(chunk, 0, start + written, n);
    if (!(await sink.write(chunk))) return written;
    written += n;
    onChunk?.(written);
  }
  return written;
}

export async function streamUniqueCodes(
  generator: UniqueCodeGenerator,
  count: number,
  sink: ByteSink,
  onChunk?: StreamProgress,
): Promise<number> {
  const stride = generator.codeLength + 1;
  let written = 0;
  while (written < count) {
    const n = Math.min(CHUNK_CODES, count - written);
    const chunk = new Uint8Array(n * stride);
    generator.writeLines(chunk, 0, n);
    if (!(await sink.write(chunk))) return written;
    written += n;
    onChunk?.(written);
  }
  return written;
}
