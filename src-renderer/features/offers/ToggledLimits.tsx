import type { ReactNode } from 'react';
import { CheckboxField } from '#renderer/ui/Field';
import { LimitField, type LimitFieldProps, type Sections } from './LimitField';
import type { SectionProps } from './section-props';

/** The section's yes/no settings. */
type BooleanKey<T> = { [K in keyof T]-?: T[K] extends boolean ? K : never }[keyof T] & string;

/** A limit that hangs off the toggle: its place in the draft, label and hints. */
export type ToggledLimit<S extends keyof Sections> = Pick<
  LimitFieldProps<S>,
  'field' | 'label' | 'min' | 'hint' | 'offHint'
>;

type ToggledLimitsProps<S extends keyof Sections> = Pick<SectionProps, 'draft' | 'set' | 'err'> & {
  section: S;
  /** The yes/no setting the limits need, e.g. "more than once". */
  toggle: BooleanKey<Sections[S]>;
  label: string;
  hint?: ReactNode;
  /** The toggle may not be turned on (it stays enabled while on, so it can be turned off). */
  disabled?: boolean;
  limits: readonly ToggledLimit<S>[];
  /** More fields for the same row that do not depend on the toggle. */
  children?: ReactNode;
};

/**
 * A toggle and the optional numbers it opens: while it is off they are disabled, say why, and
 * hold no value, so an offer never keeps a limit that no longer applies.
 */
export const ToggledLimits = <S extends keyof Sections>(p: ToggledLimitsProps<S>) => {
  const path = `${p.section}.${p.toggle}`;
  const on = p.draft[p.section][p.toggle] as boolean;
  const cleared = Object.fromEntries(p.limits.map((l) => [l.field, null]));
  const base = { draft: p.draft, set: p.set, err: p.err, section: p.section };
  return (
    <>
      <CheckboxField
        id={path}
        label={p.label}
        checked={on}
        onChange={(next) =>
          p.set((d) => ({
            ...d,
            [p.section]: { ...d[p.section], [p.toggle]: next, ...(next ? {} : cleared) },
          }))
        }
        disabled={Boolean(p.disabled) && !on}
        hint={p.hint}
        error={p.err(path)}
      />
      <div className="grid-3">
        {p.limits.map((l) => (
          <LimitField<S> key={l.field} {...base} {...l} enabled={on} />
        ))}
        {p.children}
      </div>
    </>
  );
};
