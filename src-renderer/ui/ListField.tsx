import { useState } from 'react';
import { describedBy, FieldFrame } from './Field';

const join = (items: readonly string[]) => items.join(', ');
const parse = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A list typed as comma- or line-separated text. The text is kept as typed (a trailing comma
 * does not vanish) and re-read from the value only when the value changes from outside.
 */
export const ListField = (p: {
  id: string;
  label: string;
  value: readonly string[];
  onChange: (items: string[]) => void;
  error?: string | undefined;
  hint?: string;
  disabled?: boolean;
  rows?: number;
}) => {
  const [text, setText] = useState(join(p.value));
  const [seen, setSeen] = useState(join(p.value));
  const current = join(p.value);
  if (current !== seen) {
    // The value changed from outside (restore, reset): show it.
    setSeen(current);
    if (join(parse(text)) !== current) setText(current);
  }
  return (
    <FieldFrame {...p} hint={p.hint ?? 'Separate with commas or new lines.'}>
      <textarea
        id={p.id}
        name={p.id}
        rows={p.rows ?? 2}
        value={text}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, { ...p, hint: true })}
        onChange={(e) => {
          setText(e.target.value);
          const items = parse(e.target.value);
          setSeen(join(items));
          p.onChange(items);
        }}
      />
    </FieldFrame>
  );
};
