import { describe, expect, it } from 'vitest';
import { hubErrorText, silentFor } from '#renderer/features/store-sync/sync-words';

describe('sync health words', () => {
  it('says a transport failure as the hub not answering, without the URL or the code', () => {
    const text = hubErrorText(
      'cannot reach http://10.0.0.5:8787: fetch failed (connect ECONNREFUSED 10.0.0.5:8787)',
    );
    expect(text).toMatch(/^The hub did not answer/);
    expect(text).not.toMatch(/ECONNREFUSED|http/);
    expect(hubErrorText('tillId: not enrolled')).toBe('Till: not enrolled');
  });

  it('flags a till silent past the limit, in a unit people use', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(silentFor('2025-03-10T11:50:00Z', now)).toBeNull();
    expect(silentFor('2025-03-10T11:30:00Z', now)).toBe('30 minutes');
    expect(silentFor('2025-03-10T07:00:00Z', now)).toBe('5 hours');
    expect(silentFor('2025-03-07T12:00:00Z', now)).toBe('3 days');
    expect(silentFor(null, now)).toBe('never seen');
  });
});
