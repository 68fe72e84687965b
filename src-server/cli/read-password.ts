import { UsageError } from '../platform/cli-command';

/** What readPassword needs of stdin: a Node stream, or a terminal when isTTY is set. */
export type PasswordInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

/** Longer than any password the policy accepts is a mistake (a file piped in), not a password. */
const MAX_PIPED_BYTES = 64 * 1024;

/**
 * A password from a terminal, without echo: raw mode, so the characters never reach the
 * screen (nor scroll-back), with backspace, Enter and Ctrl-C handled here. The prompt and
 * the final newline go to `out` (stderr), keeping stdout for the command's result.
 */
const fromTerminal = (input: PasswordInput, out: NodeJS.WritableStream, prompt: string) =>
  new Promise<string>((resolve, reject) => {
    let value = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      out.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new UsageError('cancelled; no user was created.'));
        if (ch === '\u0004' && value === '') {
          return finish(new UsageError('no password given; no user was created.'));
        }
        if (ch === '\u007f' || ch === '\b') {
          value = [...value].slice(0, -1).join('');
        } else if (ch === '\u001b') {
          // An arrow or function key: the rest of the chunk is its escape sequence.
          break;
        } else if (ch >= ' ') {
          value += ch;
        }
      }
    };
    out.write(prompt);
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });

/** The first line of piped input (scripts: `printf '%s\n' "$PW" | counterfoil users create …`). */
const fromPipe = async (input: PasswordInput): Promise<string> => {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
    if (text.length > MAX_PIPED_BYTES) {
      throw new UsageError('standard input is too long to be a password; pipe just the password');
    }
  }
  const line = text.split('\n')[0] ?? '';
  return line.endsWith('\r') ? line.slice(0, -1) : line;
};

export const readPassword = (
  prompt: string,
  input: PasswordInput = process.stdin,
  out: NodeJS.WritableStream = process.stderr,
): Promise<string> => (input.isTTY ? fromTerminal(input, out, prompt) : fromPipe(input));
