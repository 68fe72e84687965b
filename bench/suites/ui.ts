/**
 * The UI's input-response target (issue #5): no screen takes more than 100 ms from an input to
 * the next painted frame, with the offers dashboard over 100,000 offers. Real headless
 * Chromium drives the demo hub (PostgreSQL) the way a person would, by keyboard and mouse;
 * see bench/workers/ui-probe.ts for how a latency is taken.
 */
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { apiToken, callApi } from '../../test/e2e/support/api';
import { result, type BenchResult, type BenchSuite } from '../types';
import { note, percentiles, r3 } from '../workers/stats';
import { buildRenderer, removeDir, seedOffers, startUiHub, type UiHub } from '../workers/ui-app';
import { installProbe, type Sample } from '../workers/ui-probe';
import { createRecorder, expectUi, type Recorder } from '../workers/ui-recorder';
import {
  claimScreen,
  memberCareScreen,
  reconciliationScreen,
  revokeScreen,
  storeSyncScreen,
  uploadsScreen,
} from '../workers/ui-screens-back-office';
import { offerDetails, offerEditor, offersDashboard } from '../workers/ui-screens-offers';
import { tillScreen } from '../workers/ui-screens-till';

const BUDGET_MS = 100;
const NAME = 'ui';

async function signIn(page: Page, hub: UiHub): Promise<void> {
  const who = hub.credentials('back_office');
  await page.goto(`${hub.url}/#/sign-in`);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectUi(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function offerIdNamed(hub: UiHub, token: string, name: string): Promise<string> {
  const { items } = await callApi(hub.url, token, 'offers-list', { q: name, limit: 5 });
  const hit = items.find((o) => o.name === name);
  if (!hit) throw new Error(`the demo has no offer named "${name}"`);
  return hit.id;
}

/** Where the slowest input's time went (Event Timing's split), rounded for the JSON line. */
function slowestParts(samples: Sample[]): Record<string, unknown> | undefined {
  const worst = samples.reduce((a, b) => (b.ms > a.ms ? b : a));
  if (!worst.parts) return undefined;
  const { event, inputDelayMs, processingMs, renderMs } = worst.parts;
  return {
    event,
    inputDelayMs: r3(inputDelayMs),
    processingMs: r3(processingMs),
    renderMs: r3(renderMs),
  };
}

function report(rec: Recorder, load: { before: number[]; after: number[] }): BenchResult[] {
  const out: BenchResult[] = [];
  const all: number[] = [];
  for (const [key, samples] of rec.inputs) {
    const ms = samples.map((s) => s.ms);
    all.push(...ms);
    const p = percentiles(ms);
    const shown = rec.waits.get(key);
    out.push(
      result({
        metric: `ui.${key}.p99Ms`,
        value: p.p99,
        unit: 'ms',
        budget: BUDGET_MS,
        better: 'lower',
        detail: {
          p50Ms: r3(p.p50),
          maxMs: r3(p.max),
          samples: p.count,
          // The rest fell under Event Timing's 16 ms floor and were taken by the probe.
          fromEventTiming: samples.filter((s) => s.source === 'event-timing').length,
          ...(shown ? { resultShownP50Ms: r3(percentiles(shown).p50) } : {}),
          slowest: slowestParts(samples),
        },
      }),
    );
  }
  for (const [key, waits] of rec.waits) {
    if (rec.inputs.has(key)) continue;
    const p = percentiles(waits);
    out.push(
      result({
        metric: `ui.${key}.shownP50Ms`,
        value: p.p50,
        unit: 'ms',
        detail: {
          maxMs: r3(p.max),
          samples: p.count,
          note: 'API round trip and debounce included',
        },
      }),
    );
  }
  for (const [key, frames] of rec.frameTimes) {
    const p = percentiles(frames);
    out.push(
      result({
        metric: `ui.${key}.frameP99Ms`,
        value: p.p99,
        unit: 'ms',
        detail: {
          frameP50Ms: r3(p.p50),
          frameMaxMs: r3(p.max),
          frames: p.count,
          over50Ms: frames.filter((f) => f > 50).length,
        },
      }),
    );
  }
  const overall = percentiles(all);
  out.push(
    result({
      metric: 'ui.allInputs.maxMs',
      value: overall.max,
      unit: 'ms',
      detail: {
        p50Ms: r3(overall.p50),
        p99Ms: r3(overall.p99),
        samples: overall.count,
        loadBefore: load.before.map(r3),
        loadAfter: load.after.map(r3),
      },
    }),
  );
  return out;
}

export const suite: BenchSuite = {
  name: NAME,
  description: 'input → next paint on every screen, headless Chromium against the demo hub',
  async run(scale) {
    const offers = Math.max(2_000, Math.round(100_000 * scale));
    const rounds = scale >= 0.5 ? 5 : 2;
    const build = await buildRenderer();
    const hub = await startUiHub(build.dir);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const chromiumVersion = browser.version();
    const rec = createRecorder();
    const failed: string[] = [];
    const load = { before: loadavg(), after: [] as number[] };
    try {
      note(NAME, `seeding ${offers} offers`);
      await seedOffers(hub.databaseUrl, offers);
      const token = await apiToken(hub.url, hub.credentials('back_office'));
      const welcome = await offerIdNamed(hub, token, 'Welcome 10% up to INR 200');
      const launch = await offerIdNamed(hub, token, 'Indiranagar store launch INR 300');
      const plan = {
        url: hub.url,
        offerId: welcome,
        unclaimedId: launch,
        syncOfferName: 'Welcome 10% up to INR 200',
        userId: '100001',
        rounds,
      };
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      await context.addInitScript(installProbe);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page, hub);
      load.before = loadavg();
      const screens: [string, () => Promise<void>][] = [
        ['till', () => tillScreen(page, rec, { url: hub.url, token, sales: scale >= 0.5 ? 8 : 2 })],
        [
          'offers',
          () =>
            offersDashboard(page, rec, {
              url: hub.url,
              offers,
              toggles: rounds * 2,
              wheels: scale >= 0.5 ? 120 : 30,
            }),
        ],
        ['details', () => offerDetails(page, rec, hub.url, welcome, rounds)],
        ['editor', () => offerEditor(page, rec, hub.url, welcome, rounds)],
        ['uploads', () => uploadsScreen(page, rec, plan)],
        ['revoke', () => revokeScreen(page, rec, plan)],
        ['claims', () => claimScreen(page, rec, plan)],
        ['storeSync', () => storeSyncScreen(page, rec, plan)],
        ['reconciliation', () => reconciliationScreen(page, rec, plan)],
        ['memberCare', () => memberCareScreen(page, rec, plan)],
      ];
      for (const [name, run] of screens) {
        const started = performance.now();
        try {
          await run();
        } catch (error) {
          failed.push(`${name}: ${(error as Error).message.split('\n').slice(0, 4).join(' ')}`);
        }
        note(NAME, `${name} done in ${Math.round(performance.now() - started)} ms`);
      }
      load.after = loadavg();
      await context.close();
    } finally {
      await browser.close();
      await hub.stop();
      if (build.owned) removeDir(build.dir);
    }
    const results = report(rec, load);
    results.push(
      result({
        metric: 'ui.screensFailed',
        value: failed.length,
        unit: 'screens',
        budget: 0,
        better: 'lower',
        detail: { failed, offers, pg: hub.pgSource, chromium: chromiumVersion },
      }),
    );
    return results;
  },
};
