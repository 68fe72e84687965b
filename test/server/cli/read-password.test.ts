import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPassword, type PasswordInput } from '#server/cli/read-password';

/** A terminal as readPassword sees it: data events, raw mode, nothing echoed by itself. */
const fakeTerminal = () => {
  const tty = Object.assign(new EventEmitter(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      tty.rawModes.push(mode);
      return tty;
    },
    resume: () => tty,
    pause: () => tty,
  });
  return tty;
};

const sink = () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  return { out, text: () => text };
};

describe('counterfoil users create: reading the password', () => {
  it('reads a terminal in raw mode and echoes nothing of the password', async () => {
    const tty = fakeTerminal();
    const screen = sink();
    const read = readPassword('Password: ', tty as unknown as PasswordInput, screen.out);
    tty.emit('data', Buffer.from('corr'));
    tty.emit('data', Buffer.from('ecx\u007ft horse\r'));
    await expect(read).resolves.toBe('correct horse');
    expect(tty.rawModes).toEqual([true, false]);
    await new Promise((r) => setImmediate(r));
    expect(screen.text()).toBe('Password: \n');
  });

  it('stops on Ctrl-C without a password', async () => {
    const tty = fakeTerminal();
    const read = readPassword('Password: ', tty as unknown as PasswordInput, sink().out);
    tty.emit('data', Buffer.from('abc\u0003'));
    await expect(read).rejects.toThrow(/cancelled/);
    expect(tty.rawModes).toEqual([true, false]);
  });

  it('takes the first line of piped input, without its line ending', async () => {
    const pipe = new PassThrough();
    const read = readPassword('', pipe as unknown as PasswordInput, sink().out);
    pipe.end('a long passphrase\r\nignored\n');
    await expect(read).resolves.toBe('a long passphrase');
  });
});
