import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { IssuanceSection } from '#renderer/features/offers/IssuanceSection';
import { LimitField } from '#renderer/features/offers/LimitField';
import { defaultDraft, type OfferDraft } from '#renderer/features/offers/offer-form-model';
import { RedemptionSection } from '#renderer/features/offers/RedemptionSection';
import { ToggledLimits } from '#renderer/features/offers/ToggledLimits';

const base = defaultDraft(new Date('2025-03-10T06:30:00Z'));
const noErrors = () => undefined;
const html = (el: ReactElement) => renderToStaticMarkup(el);
/** The <input> tag with this id, as rendered. */
const inputTag = (markup: string, id: string) => {
  const tag = markup.match(new RegExp(`<input[^>]*id="${id.replace('.', '\\.')}"[^>]*>`))?.[0];
  if (tag === undefined) throw new Error(`no input #${id} in the markup`);
  return tag;
};

describe('LimitField in the offer editor sections', () => {
  it('reads the value at its draft path and writes the same path back', () => {
    let draft: OfferDraft = { ...base, issuance: { ...base.issuance, maxPerCustomer: 3 } };
    const set = (fn: (d: OfferDraft) => OfferDraft) => {
      draft = fn(draft);
    };
    const props = {
      draft,
      set,
      err: noErrors,
      section: 'issuance',
      field: 'maxPerCustomer',
    } as const;
    expect(
      inputTag(
        html(createElement(LimitField<'issuance'>, { ...props, label: 'Max', min: 1 })),
        'issuance.maxPerCustomer',
      ),
    ).toContain('value="3"');
    // The rendered NumberField's onChange is the write path.
    const el = LimitField({ ...props, label: 'Max', min: 1 }) as ReactElement<{
      onChange: (v: number | null) => void;
    }>;
    el.props.onChange(7);
    expect(draft.issuance.maxPerCustomer).toBe(7);
    el.props.onChange(null);
    expect(draft.issuance.maxPerCustomer).toBeNull();
    // Nothing else in the draft moved.
    expect({ ...draft, issuance: { ...draft.issuance, maxPerCustomer: 3 } }).toEqual({
      ...base,
      issuance: { ...base.issuance, maxPerCustomer: 3 },
    });
  });

  it('shows the error found at its path', () => {
    const markup = html(
      createElement(IssuanceSection, {
        draft: base,
        set: () => undefined,
        err: (p: string) => (p === 'issuance.totalLimit' ? 'Must be at least 1' : undefined),
        editing: false,
        zone: 'UTC',
      }),
    );
    expect(inputTag(markup, 'issuance.totalLimit')).toContain('aria-invalid="true"');
    expect(markup).toContain('Must be at least 1');
    expect(inputTag(markup, 'issuance.maxPerCustomer')).not.toContain('aria-invalid');
  });

  it('follows its toggle: disabled with the off hint until the toggle is on', () => {
    const render = (moreThanOnce: boolean) =>
      html(
        createElement(RedemptionSection, {
          draft: { ...base, redemption: { ...base.redemption, moreThanOnce } },
          set: () => undefined,
          err: noErrors,
          editing: false,
          zone: 'UTC',
        }),
      );
    const off = render(false);
    expect(inputTag(off, 'redemption.customerLimit')).toContain('disabled=""');
    expect(off).toContain('Once, unless more than once is allowed.');
    expect(inputTag(off, 'redemption.seriesLimit')).not.toContain('disabled');
    const on = render(true);
    expect(inputTag(on, 'redemption.customerLimit')).not.toContain('disabled');
    expect(on).not.toContain('Once, unless more than once is allowed.');
  });
});

describe('ToggledLimits', () => {
  it('turning the toggle off clears the limits that hang off it, and only those', () => {
    let draft: OfferDraft = {
      ...base,
      redemption: {
        ...base.redemption,
        moreThanOnce: true,
        customerLimit: 3,
        minGapDays: 2,
        seriesLimit: 50,
      },
    };
    const el = ToggledLimits<'redemption'>({
      draft,
      set: (fn) => {
        draft = fn(draft);
      },
      err: noErrors,
      section: 'redemption',
      toggle: 'moreThanOnce',
      label: 'More than once',
      limits: [
        { field: 'customerLimit', label: 'Max', min: 1 },
        { field: 'minGapDays', label: 'Gap', min: 1 },
      ],
    }) as ReactElement<{ children: ReactElement<{ onChange: (on: boolean) => void }>[] }>;
    el.props.children[0]?.props.onChange(false);
    expect(draft.redemption).toMatchObject({
      moreThanOnce: false,
      customerLimit: null,
      minGapDays: null,
      seriesLimit: 50,
    });
    el.props.children[0]?.props.onChange(true);
    expect(draft.redemption.moreThanOnce).toBe(true);
  });

  it('a toggle that may not be turned on stays usable while on', () => {
    const render = (allowAnyone: boolean) =>
      html(
        createElement(RedemptionSection, {
          draft: {
            ...base,
            delivery: 'THIRD_PARTY',
            redemption: { ...base.redemption, allowAnyone },
          },
          set: () => undefined,
          err: noErrors,
          editing: false,
          zone: 'UTC',
        }),
      );
    expect(inputTag(render(false), 'redemption.allowAnyone')).toContain('disabled=""');
    expect(inputTag(render(true), 'redemption.allowAnyone')).not.toContain('disabled');
  });
});
