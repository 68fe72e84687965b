import { TextField } from '#renderer/ui/Field';
import { formatCount } from '#renderer/ui/format';
import { describeSample } from './randomized-sample';

/** The sample code of a randomized common series, with what it implies spelled out. */
export const RandomizedSampleField = ({
  value,
  onChange,
  error,
  lockedNote,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  lockedNote?: string | undefined;
}) => {
  const info = value ? describeSample(value) : null;
  return (
    <div className="sample">
      <TextField
        id="codeGeneration.sample"
        label="Sample common code"
        value={value}
        onChange={(v) => onChange(v.toUpperCase().replace(/\s/g, ''))}
        error={error ?? (info && !info.ok ? info.message : undefined)}
        lockedNote={lockedNote}
        hint="5–10 letters or digits, e.g. TEST12345. Codes get its length and kind of characters."
      />
      {info?.ok ? (
        <p className="sample__info" role="status">
          Codes will be {info.length} {info.charset === 'NUMERIC' ? 'digits' : 'letters and digits'}
          : the first {info.fixedLength} fixed for the whole offer (unique in your organisation,
          assigned when you save), the last {info.randomLength} random — <code>{info.pattern}</code>
          . Up to {formatCount(Number(info.combinations))} distinct codes.
        </p>
      ) : null}
    </div>
  );
};
