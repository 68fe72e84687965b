import fc from 'fast-check';
import { expect, it } from 'vitest';
import { textArrayLiteral } from '#shared/services/shared/text-array';
import { eachDialect, useFreshDb } from '../../../helpers/db';

eachDialect('textArrayLiteral', (dialect) => {
  const w = useFreshDb(dialect, () => ({}), undefined);

  it('reads back as the same strings, whatever they hold', async () => {
    const tricky = ['', 'NULL', 'null', 'a,b', '"q"', 'back\\slash', '{x}', ' sp ', 'é✓', '\\"'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'binary', maxLength: 12 })),
          {
            maxLength: 20,
          },
        ),
        async (values) => {
          // PostgreSQL text cannot hold NUL.
          const clean = values.map((v) => v.split(String.fromCharCode(0)).join(''));
          const [row] = await w.db.sql.query<{ a: string[] }>('SELECT $1::text[] AS a', [
            textArrayLiteral(clean),
          ]);
          expect(row?.a).toEqual(clean);
        },
      ),
      { numRuns: 60 },
    );
  });
});
