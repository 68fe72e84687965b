import { z } from 'zod';
import { defineOperation } from '../define';
import { offer, offerInput, offerPatch } from '#shared/domain/offer';
import { orgEntityRef } from '#shared/domain/primitives';
import { idParam, queryBool, queryInt } from './common';

export const offerSummary = z.object({
  id: z.string(),
  name: z.string(),
  offerCode: z.string(),
  discountType: z.enum(['FIXED', 'PERCENT']),
  discountLabel: z.string(),
  /** The discount's numbers, the cap's currency resolved, for screens that format money. */
  discountParts: z.object({
    percent: z.string().nullable(),
    amount: z.string().nullable(),
    currency: z.string().nullable(),
  }),
  codeMethod: z.string(),
  expiresAt: z.string().nullable(),
  active: z.boolean(),
  /** Where the offer stands now: not started yet, running, or past its end. */
  status: z.enum(['SCHEDULED', 'ACTIVE', 'ENDED']),
  claimedBy: z.string().nullable(),
  issuedCount: z.number(),
  redeemedCount: z.number(),
  syncToInStore: z.boolean(),
  createdAt: z.string(),
  /** Who created it, from the audit trail; null where this host has no record (a till). */
  createdBy: z.string().nullable(),
  modifiedAt: z.string(),
});
export type OfferSummary = z.infer<typeof offerSummary>;

export const offerDetails = z.object({
  offer,
  stats: z.object({
    couponCount: z.number(),
    issuedCount: z.number(),
    redeemedCount: z.number(),
    revokedCount: z.number(),
    redemptionRate: z.number(),
    lastIssuedAt: z.string().nullable(),
    lastRedeemedAt: z.string().nullable(),
    remainingIssuable: z.number().nullable(),
  }),
  /** Closed to further issuance by a revoke of its unissued coupons: when and by whom. */
  issuanceClosed: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
});

export const offersOperations = {
  'offers-create': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers',
    input: offerInput,
    output: offer,
    roles: ['back_office', 'admin'],
    summary: 'Create an offer (coupon series) with every setting',
  }),
  'offers-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/offers',
    input: z.object({
      q: z.string().optional(),
      activeOnly: queryBool.optional(),
      /** A store id: only offers redeemable there (no store scope, or one taking it in). */
      redeemableAt: z.string().min(1).optional(),
      sort: z.enum(['modified', 'created']).default('modified'),
      limit: queryInt(1, 500, 100),
      offset: queryInt(0, 100_000_000, 0),
    }),
    output: z.object({ items: z.array(offerSummary), total: z.number() }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary:
      'List offers: search by name, active only, redeemable at a store, sort by last modified or created',
  }),
  'offers-past-issual-search': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/past-issual-offers',
    input: z.object({
      q: z.string().max(200).optional(),
      /** The offer being edited, left out of its own choices. */
      excludeId: z.string().min(1).optional(),
      limit: queryInt(1, 50, 20),
    }),
    output: z.object({
      /** The look-back window's start: offers that ended before it are not offered. */
      since: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          offerCode: z.string(),
          endsAt: z.string().nullable(),
          lastIssuedAt: z.string().nullable(),
        }),
      ),
    }),
    roles: ['back_office', 'admin'],
    summary:
      'Offers to restrict by past issuals: search name or offer code among offers active in the last 6 months',
  }),
  'offers-get': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/offers/:id',
    input: idParam,
    output: offerDetails,
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Offer configuration and information (dates, redemption rate, claims)',
  }),
  'offers-update': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PATCH',
    path: '/offers/:id',
    input: offerPatch.extend({ id: z.string(), expectedVersion: z.number().int().optional() }),
    output: offer,
    roles: ['back_office', 'admin'],
    summary: 'Edit an offer; offer id, expiry type and code generation method are immutable',
  }),
  'offers-timeline': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/offers/:id/timeline',
    input: idParam,
    output: z.object({
      days: z.array(z.object({ date: z.string(), issued: z.number(), redeemed: z.number() })),
    }),
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'Issuals and redemptions per day',
  }),
  'offers-set-sync': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'PUT',
    path: '/offers/:id/sync',
    input: z.object({
      id: z.string(),
      enabled: z.boolean(),
      scope: z.array(orgEntityRef).default([]),
    }),
    output: z.object({ id: z.string(), enabled: z.boolean(), scope: z.array(orgEntityRef) }),
    roles: ['store_manager', 'back_office', 'admin'],
    summary: 'Choose whether an offer syncs to in-store tills, and for which stores',
  }),
};
