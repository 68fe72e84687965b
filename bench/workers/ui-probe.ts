/**
 * Input → next paint, measured inside the page. Two sources:
 * - the Event Timing API (what browsers report as INP): for each trusted input event, the time
 *   from the event's hardware timestamp to the paint after its handlers ran, rounded to 8 ms
 *   and reported only at ≥ 16 ms;
 * - a probe for the quick ones Event Timing leaves out: a capture listener notes the event's
 *   timestamp, and the first task after the next animation frame (i.e. after that frame was
 *   painted) notes the end.
 * An interaction's latency is Event Timing's figure when it reported one, else the probe's.
 */
import type { Page } from '@playwright/test';

type ProbeState = {
  events: {
    name: string;
    id: number;
    start: number;
    duration: number;
    processingStart: number;
    processingEnd: number;
  }[];
  probes: { name: string; start: number; end: number }[];
  frames: number[] | null;
};

/**
 * The few page globals the probe uses, typed here because the bench compiles without the DOM
 * library (these functions run in the page, serialized by Playwright).
 */
type PageGlobals = {
  __cfBench: ProbeState;
  PerformanceObserver: new (
    cb: (list: {
      getEntries(): {
        name: string;
        interactionId: number;
        startTime: number;
        duration: number;
        processingStart: number;
        processingEnd: number;
      }[];
    }) => void,
  ) => { observe(options: { type: string; durationThreshold: number; buffered: boolean }): void };
  addEventListener(
    type: string,
    cb: (ev: { isTrusted: boolean; timeStamp: number }) => void,
    options: { capture: boolean },
  ): void;
  requestAnimationFrame(cb: (t: number) => void): void;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(v: unknown): void };
  };
};

/** Runs in the page before any app script (page.addInitScript); self-contained. */
export function installProbe(): void {
  // Serialized into the page on its own: no helpers from this module are in scope there.
  const w = globalThis as unknown as PageGlobals;
  const state: ProbeState = { events: [], probes: [], frames: null };
  w.__cfBench = state;
  new w.PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      state.events.push({
        name: e.name,
        id: e.interactionId,
        start: e.startTime,
        duration: e.duration,
        processingStart: e.processingStart,
        processingEnd: e.processingEnd,
      });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  for (const name of ['keydown', 'pointerdown', 'click']) {
    w.addEventListener(
      name,
      (ev) => {
        if (!ev.isTrusted) return;
        const start = ev.timeStamp;
        w.requestAnimationFrame(() => {
          const ch = new w.MessageChannel();
          ch.port1.onmessage = () => state.probes.push({ name, start, end: performance.now() });
          ch.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  }
}

/**
 * One input's latency. From Event Timing, the slowest event's split: waiting for the main
 * thread (input delay), its handlers (processing) and rendering up to the paint (the rest).
 */
export type Sample = {
  ms: number;
  source: 'event-timing' | 'probe';
  parts?: { event: string; inputDelayMs: number; processingMs: number; renderMs: number };
};

const settle = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>((r) => {
        const w = globalThis as unknown as PageGlobals;
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => setTimeout(r, 30)));
      }),
  );

/**
 * Runs `act` (one user input through Playwright, i.e. trusted CDP input) and returns its input
 * → next paint latency. Waits two frames and a little more for the observer's report.
 */
export async function timeInput(page: Page, act: () => Promise<unknown>): Promise<Sample> {
  const mark = await page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).__cfBench;
    return { events: s.events.length, probes: s.probes.length, at: performance.now() };
  });
  await act();
  await settle(page);
  const got = await page.evaluate((m) => {
    const s = (globalThis as unknown as PageGlobals).__cfBench;
    // A late report of the previous input (entries arrive after its paint) is not this one's.
    return {
      events: s.events.slice(m.events).filter((e) => e.start >= m.at),
      probes: s.probes.slice(m.probes).filter((p) => p.start >= m.at),
    };
  }, mark);
  // Every event this input caused (keydown, keypress, input, keyup; pointer*, click) counts.
  const timed = got.events;
  if (timed.length > 0) {
    const worst = timed.reduce((a, b) => (b.duration > a.duration ? b : a));
    const inputDelayMs = worst.processingStart - worst.start;
    const processingMs = worst.processingEnd - worst.processingStart;
    return {
      ms: worst.duration,
      source: 'event-timing',
      parts: {
        event: worst.name,
        inputDelayMs,
        processingMs,
        renderMs: worst.duration - inputDelayMs - processingMs,
      },
    };
  }
  if (got.probes.length === 0) throw new Error('no input event reached the page');
  return { ms: Math.max(...got.probes.map((p) => p.end - p.start)), source: 'probe' };
}

/**
 * Starts noting every animation frame's timestamp. Passed as source text: tsx would wrap a named
 * in-page function in a helper (`__name`) the page does not have.
 */
export const startFrames = (page: Page): Promise<void> =>
  page.evaluate(`(() => {
    const s = globalThis.__cfBench;
    const frames = [];
    s.frames = frames;
    const tick = (t) => {
      if (s.frames !== frames) return;
      frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);

/** Stops noting frames and returns the intervals between them, ms. */
export const stopFrames = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).__cfBench;
    const f = s.frames ?? [];
    s.frames = null;
    return f.slice(1).map((t, i) => t - (f[i] as number));
  });
