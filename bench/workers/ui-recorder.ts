/**
 * Collects the ui suite's samples: input → next paint per interaction (the judged figure), the
 * time until an asynchronous result shows (detail only: it includes the API round trip and any
 * debounce by design) and frame intervals while scrolling.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { timeInput, type Sample } from './ui-probe';

export type Recorder = {
  /**
   * Times one input on `page`, filed under `key` ("screen.interaction"). Returns when the input
   * was sent (performance.now() here), for shownAfter.
   */
  input(key: string, page: Page, act: () => Promise<unknown>): Promise<number>;
  /**
   * Types `text` into `field` one key at a time, each key timed under `key`; returns when the
   * last key was sent.
   */
  type(key: string, page: Page, field: Locator, text: string): Promise<number>;
  /**
   * Waits for `until` and notes the time since `sentAt` (from input) under `key`: an upper
   * bound, as it includes the probe's wait of two frames after the input.
   */
  shownAfter(key: string, sentAt: number, until: () => Promise<unknown>): Promise<void>;
  frames(key: string, intervals: number[]): void;
  readonly inputs: ReadonlyMap<string, Sample[]>;
  readonly waits: ReadonlyMap<string, number[]>;
  readonly frameTimes: ReadonlyMap<string, number[]>;
};

const keyName = (ch: string): string => (ch === ' ' ? 'Space' : ch);

export function createRecorder(): Recorder {
  const inputs = new Map<string, Sample[]>();
  const waits = new Map<string, number[]>();
  const frameTimes = new Map<string, number[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  };
  const input: Recorder['input'] = async (key, page, act) => {
    const sentAt = performance.now();
    push(inputs, key, await timeInput(page, act));
    return sentAt;
  };
  return {
    input,
    async type(key, page, field, text) {
      await field.focus();
      let sentAt = performance.now();
      for (const ch of text)
        sentAt = await input(key, page, () => page.keyboard.press(keyName(ch)));
      return sentAt;
    },
    async shownAfter(key, sentAt, until) {
      await until();
      push(waits, key, performance.now() - sentAt);
    },
    frames(key, intervals) {
      for (const ms of intervals) push(frameTimes, key, ms);
    },
    inputs,
    waits,
    frameTimes,
  };
}

/** Playwright's expect with a wait that suits a shared, busy machine (the default is 5 s). */
export const expectUi = expect.configure({ timeout: 30_000 });
