import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Where streamed codes go: a file or stdout ("-"). write() respects backpressure (resolves once
 * the stream has room), so memory stays bounded however many codes flow through. When stdout's
 * reader goes away (`| head`), write() returns false and the producer stops quietly.
 */
export type ByteSink = {
  write(chunk: Uint8Array): Promise<boolean>;
  close(): Promise<void>;
};

/** Enough buffered bytes that generating the next chunk overlaps writing the previous one. */
const FILE_HIGH_WATER_MARK = 8 * 1024 * 1024;

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

export function openSink(out: string): ByteSink {
  const toStdout = out === '-';
  const stream: Writable = toStdout
    ? process.stdout
    : createWriteStream(out, { highWaterMark: FILE_HIGH_WATER_MARK });
  let readerGone = false;
  let failure: unknown = null;
  stream.on('error', (error) => {
    if (toStdout && isBrokenPipe(error)) readerGone = true;
    else failure = error;
  });

  return {
    async write(chunk) {
      if (failure !== null) throw failure;
      if (readerGone) return false;
      if (!stream.write(chunk)) {
        try {
          // once() rejects on 'error', so a failed or broken stream cannot leave this waiting.
          await once(stream, 'drain');
        } catch (error) {
          if (toStdout && isBrokenPipe(error)) readerGone = true;
          else throw error;
        }
      }
      if (failure !== null) throw failure;
      return !readerGone;
    },
    async close() {
      if (toStdout) {
        if (!readerGone && stream.writableLength > 0) {
          await once(stream, 'drain').catch(() => undefined);
        }
        return;
      }
      stream.end();
      await once(stream, 'close');
      if (failure !== null) throw failure;
    },
  };
}
