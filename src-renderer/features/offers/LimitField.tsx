import type { ReactNode } from 'react';
import { NumberField } from '#renderer/ui/Field';
import type { SectionProps } from './section-props';

type Draft = SectionProps['draft'];
export type Sections = { issuance: Draft['issuance']; redemption: Draft['redemption'] };
/** The section's settings that are a whole number or empty (null = no limit / no gap). */
type NullableNumberKey<T> = {
  [K in keyof T]-?: T[K] extends number | null ? (null extends T[K] ? K : never) : never;
}[keyof T] &
  string;

export type LimitFieldProps<S extends keyof Sections> = Pick<
  SectionProps,
  'draft' | 'set' | 'err'
> & {
  section: S;
  field: NullableNumberKey<Sections[S]>;
  label: string;
  min: number;
  hint?: ReactNode;
  /**
   * The toggle this limit hangs off (e.g. "more than once"). When false the field is disabled
   * and shows `offHint` instead of `hint`.
   */
  enabled?: boolean;
  offHint?: ReactNode;
};

/**
 * One optional numeric limit of the offer form's issuance or redemption section: its id is
 * the draft path (`issuance.maxPerCustomer`), which is also where its inline error is found.
 */
export const LimitField = <S extends keyof Sections>(p: LimitFieldProps<S>) => {
  const path = `${p.section}.${p.field}`;
  const enabled = p.enabled ?? true;
  const value = p.draft[p.section][p.field] as number | null;
  return (
    <NumberField
      id={path}
      label={p.label}
      min={p.min}
      value={value}
      onChange={(next) =>
        p.set((d) => ({ ...d, [p.section]: { ...d[p.section], [p.field]: next } }))
      }
      {...(p.enabled === undefined ? {} : { disabled: !enabled })}
      hint={enabled ? p.hint : p.offHint}
      error={p.err(path)}
    />
  );
};
