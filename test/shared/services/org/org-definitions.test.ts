import { expect, it } from 'vitest';
import type { OfferInput } from '#shared/domain/offer';
import { createOffer } from '#shared/services/offers/offer-create';
import { updateOffer } from '#shared/services/offers/offer-update';
import {
  keyFromName,
  loadMetadataFields,
  setMetadataFields,
} from '#shared/services/org/metadata-fields';
import { loadContacts, setContacts } from '#shared/services/org/points-of-contact';
import { eachDialect } from '../../../helpers/db';
import { apiError } from '../support/api-error';
import { offerConfig } from '../support/offer-fixture';
import { useServiceWorld } from '../support/world';

const issuesOf = (e: { details: unknown }) =>
  e.details as { path: string; message: string; code: string }[];

it('makes field keys from names, never reusing one taken', () => {
  expect(keyFromName('Campaign owner', new Set())).toBe('campaign_owner');
  expect(keyFromName('2025 budget (INR)', new Set())).toBe('f_2025_budget_inr');
  expect(keyFromName('Owner', new Set(['owner', 'owner_2']))).toBe('owner_3');
});

eachDialect('org definitions: custom metadata fields and points of contact', (dialect) => {
  const w = useServiceWorld(dialect);
  const count = async () =>
    (await w.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM offers'))[0]?.n;

  it('defines metadata fields once; offers must fill required ones with values of their type', async () => {
    const { fields } = await setMetadataFields(
      {
        fields: [
          { name: 'Campaign owner', type: 'TEXT', required: true },
          { name: 'Budget', type: 'NUMBER', required: false },
          { name: 'Launch date', type: 'DATE', required: false },
          { name: 'Printed flyer', type: 'YES_NO', required: false },
        ],
      },
      w.ctx,
    );
    expect(fields.map((f) => f.key)).toEqual([
      'campaign_owner',
      'budget',
      'launch_date',
      'printed_flyer',
    ]);

    const before = await count();
    const bad = await apiError(
      createOffer(
        offerConfig({
          metadata: { budget: 'lots', launch_date: '2025-02-30', printed_flyer: 'maybe' },
        }),
        w.ctx,
      ),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(issuesOf(bad).map((i) => [i.path, i.code, i.message])).toEqual([
      [
        'metadata.campaign_owner',
        'METADATA_REQUIRED',
        '"Campaign owner" is required for every offer; fill it in',
      ],
      [
        'metadata.budget',
        'METADATA_WRONG_TYPE',
        '"Budget" must be a number such as 1500 or 12.5; got "lots"',
      ],
      [
        'metadata.launch_date',
        'METADATA_WRONG_TYPE',
        '"Launch date" must be a date such as 2025-10-20; got "2025-02-30"',
      ],
      [
        'metadata.printed_flyer',
        'METADATA_WRONG_TYPE',
        '"Printed flyer" must be "yes" or "no"; got "maybe"',
      ],
    ]);
    expect(await count()).toBe(before);

    const metadata = {
      campaign_owner: 'Marketing',
      budget: '1500.50',
      launch_date: '2025-10-20',
      printed_flyer: 'yes',
      legacy_ref: 'kept as given',
    };
    const offer = await createOffer(offerConfig({ metadata }), w.ctx);
    expect(offer.metadata).toEqual(metadata);

    // A rename keeps the key, so the offer's value stays attached; an edit is checked too.
    await setMetadataFields(
      {
        fields: fields.map((f) => (f.key === 'campaign_owner' ? { ...f, name: 'Owner' } : f)),
      },
      w.ctx,
    );
    expect((await loadMetadataFields(w.sql)).map((f) => f.name)).toContain('Owner');
    const edit = await apiError(
      updateOffer({ id: offer.id, metadata: { ...metadata, campaign_owner: ' ' } }, w.ctx),
    );
    expect(edit.message).toContain('"Owner" is required for every offer');
  });

  it('refuses two fields of one name, naming the row', async () => {
    const e = await apiError(
      setMetadataFields(
        {
          fields: [
            { name: 'Region', type: 'TEXT', required: false },
            { name: 'region', type: 'NUMBER', required: false },
          ],
        },
        w.ctx,
      ),
    );
    expect(issuesOf(e)).toEqual([
      {
        path: 'fields.1.name',
        code: 'DUPLICATE_FIELD',
        message: 'Fields 1 and 2 are both called "region"; give each its own name',
      },
    ]);
    expect((await loadMetadataFields(w.sql)).map((f) => f.name)).not.toContain('Region');
  });

  it('keeps points of contact; offers pick them by id, unknown ids refused', async () => {
    const { contacts } = await setContacts(
      {
        contacts: [
          { name: 'Priya Nair', email: 'priya@brand.example' },
          { name: 'Store ops', email: 'ops@brand.example' },
        ],
      },
      w.ctx,
    );
    expect(contacts.map((c) => c.name)).toEqual(['Priya Nair', 'Store ops']);
    const dup = await apiError(
      setContacts(
        {
          contacts: [
            ...contacts,
            { name: 'Priya again', email: 'PRIYA@brand.example' },
            { id: 'made-up', name: 'Ghost', email: 'ghost@brand.example' },
          ],
        },
        w.ctx,
      ),
    );
    expect(issuesOf(dup).map((i) => [i.path, i.code])).toEqual([
      ['contacts.2.email', 'DUPLICATE_CONTACT'],
      ['contacts.3.id', 'UNKNOWN_CONTACT'],
    ]);
    expect(await loadContacts(w.sql)).toEqual(contacts);
    const audited = await w.sql.query<{ actor: string; details: unknown }>(
      "SELECT actor, details FROM audit_log WHERE action = 'org.pointsOfContact.set'",
    );
    expect(audited.map((a) => a.actor)).toEqual(['backoffice']);
    expect(JSON.stringify(audited[0]?.details)).toContain('priya@brand.example');

    const [priya] = contacts;
    const issuance = {
      totalLimit: 100,
      notifyThreshold: 10,
      notifyContactIds: [priya?.id ?? '', 'nobody-1'],
      offerExpiryReminder: { enabled: true, contactIds: ['nobody-2'], daysBefore: 2 },
    } as OfferInput['issuance'];
    const refused = await apiError(
      createOffer(offerConfig({ metadata: { campaign_owner: 'x' }, issuance }), w.ctx),
    );
    expect(issuesOf(refused).map((i) => [i.path, i.code])).toEqual([
      ['issuance.notifyContactIds.1', 'UNKNOWN_CONTACT'],
      ['issuance.offerExpiryReminder.contactIds.0', 'UNKNOWN_CONTACT'],
    ]);

    const noOne = await apiError(
      createOffer(
        offerConfig({
          metadata: { campaign_owner: 'x' },
          issuance: {
            offerExpiryReminder: { enabled: true, daysBefore: 2 },
          } as OfferInput['issuance'],
        }),
        w.ctx,
      ),
    );
    expect(issuesOf(noOne).map((i) => i.path)).toEqual(['issuance.offerExpiryReminder.contactIds']);
  });
});
