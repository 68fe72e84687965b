import type { ReactNode } from 'react';

type Common = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Set when the field cannot change; shown as the reason next to it. */
  lockedNote?: string | undefined;
};

/**
 * A field's error, announced as it appears (role="alert"); nothing when there is none. The id is
 * what the input's aria-describedby names.
 */
export const FieldError = ({ id, message }: { id?: string; message: ReactNode }) =>
  message ? (
    <p className="field__error" id={id} role="alert">
      {message}
    </p>
  ) : null;

/** The label/hint/error frame every input uses, wired with aria-describedby. */
export const FieldFrame = ({
  id,
  label,
  error,
  hint,
  lockedNote,
  children,
}: Common & { children: ReactNode }) => (
  <div className={`field${error ? ' field--error' : ''}`}>
    <label htmlFor={id}>{label}</label>
    {children}
    {hint ? (
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
    ) : null}
    {lockedNote ? (
      <p className="field__locked" id={`${id}-locked`}>
        Locked: {lockedNote}
      </p>
    ) : null}
    <FieldError id={`${id}-error`} message={error} />
  </div>
);

export const describedBy = (
  id: string,
  p: { error?: string | undefined; hint?: ReactNode; lockedNote?: string | undefined },
): string | undefined =>
  [p.hint ? `${id}-hint` : '', p.lockedNote ? `${id}-locked` : '', p.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ') || undefined;

type TextFieldProps = Common & {
  value: string;
  onChange: (value: string) => void;
  type?: string;
  disabled?: boolean;
  placeholder?: string;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel';
  autoComplete?: string;
  required?: boolean;
};

export const TextField = (p: TextFieldProps) => (
  <FieldFrame {...p}>
    <input
      id={p.id}
      name={p.id}
      type={p.type ?? 'text'}
      value={p.value}
      disabled={p.disabled || Boolean(p.lockedNote)}
      placeholder={p.placeholder}
      inputMode={p.inputMode}
      autoComplete={p.autoComplete ?? 'off'}
      required={p.required}
      aria-invalid={p.error ? true : undefined}
      aria-describedby={describedBy(p.id, p)}
      onChange={(e) => p.onChange(e.target.value)}
    />
  </FieldFrame>
);

/** A whole-number input whose empty state is null, not 0. */
export const NumberField = (
  p: Common & {
    value: number | null;
    onChange: (value: number | null) => void;
    min?: number;
    max?: number;
    disabled?: boolean;
  },
) => (
  <FieldFrame {...p}>
    <input
      id={p.id}
      name={p.id}
      type="number"
      inputMode="numeric"
      min={p.min}
      max={p.max}
      step={1}
      value={p.value ?? ''}
      disabled={p.disabled || Boolean(p.lockedNote)}
      aria-invalid={p.error ? true : undefined}
      aria-describedby={describedBy(p.id, p)}
      onChange={(e) => {
        const n = e.target.valueAsNumber;
        p.onChange(Number.isFinite(n) ? Math.trunc(n) : null);
      }}
    />
  </FieldFrame>
);

export const SelectField = <T extends string>(
  p: Common & {
    value: T;
    options: readonly { value: T; label: string }[];
    onChange: (value: T) => void;
    disabled?: boolean;
  },
) => (
  <FieldFrame {...p}>
    <select
      id={p.id}
      name={p.id}
      value={p.value}
      disabled={p.disabled || Boolean(p.lockedNote)}
      aria-invalid={p.error ? true : undefined}
      aria-describedby={describedBy(p.id, p)}
      onChange={(e) => p.onChange(e.target.value as T)}
    >
      {p.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </FieldFrame>
);

export const CheckboxField = (
  p: Omit<Common, 'label'> & {
    label: ReactNode;
    checked: boolean;
    onChange: (checked: boolean) => void;
    disabled?: boolean;
  },
) => (
  <div className={`field field--check${p.error ? ' field--error' : ''}`}>
    <input
      id={p.id}
      name={p.id}
      type="checkbox"
      checked={p.checked}
      disabled={p.disabled || Boolean(p.lockedNote)}
      aria-invalid={p.error ? true : undefined}
      aria-describedby={describedBy(p.id, p)}
      onChange={(e) => p.onChange(e.target.checked)}
    />
    <label htmlFor={p.id}>{p.label}</label>
    {p.hint ? (
      <p className="field__hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
    ) : null}
    <FieldError id={`${p.id}-error`} message={p.error} />
  </div>
);
