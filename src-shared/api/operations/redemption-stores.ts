import { z } from 'zod';
import { defineOperation } from '../define';
import { orgEntityRef } from '#shared/domain/primitives';
import { csvText } from './common';

/** One row of a store list that names nothing usable: which row, what it said, why. */
export const storeListIssue = z.object({
  /** The row's number in the file, the header being row 1. */
  row: z.number(),
  value: z.string(),
  code: z.enum(['EMPTY_ROW', 'UNKNOWN_ORG_ENTITY', 'WRONG_TYPE', 'BAD_TYPE', 'AMBIGUOUS_NAME']),
  message: z.string(),
});

export const storeList = z.object({
  /** The places the file names, in file order, each once. */
  stores: z.array(orgEntityRef),
  /** Data rows read (empty lines aside). */
  rows: z.number(),
  issues: z.array(storeListIssue),
});

/**
 * "Stores allowing redemption" from a CSV (seed: upload a file of till, store, zone or concept
 * ids): a header with one id column (id, tillId, storeId, zoneId or conceptId) and optionally a
 * type column; a cell may also give a place's exact name.
 */
export const redemptionStoresOperations = {
  'redemption-stores-check': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/redemption-stores/check',
    body: 'csv',
    input: csvText,
    output: storeList,
    roles: ['back_office', 'admin'],
    summary:
      'Read a CSV of till, store, zone or concept ids into a redemption store list, every unusable row named; changes nothing',
  }),
  'redemption-stores-set': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/redemption-stores',
    body: 'csv',
    input: csvText.extend({ id: z.string() }),
    output: z.object({ offerId: z.string(), stores: z.array(orgEntityRef), version: z.number() }),
    roles: ['back_office', 'admin'],
    summary:
      'Set the stores allowing redemption of an offer from a CSV of till, store, zone or concept ids; a file with any unusable row changes nothing',
  }),
};
