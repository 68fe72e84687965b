import type { CustomerRef, IdentifierKind } from '#shared/domain/customer';
import { SelectField, TextField } from './Field';

/** A customer as a person names them: which identifier, and its value as typed. */
export type CustomerIdentifier = { kind: IdentifierKind; value: string };

export const identifierKindOptions: readonly { value: IdentifierKind; label: string }[] = [
  { value: 'mobile', label: 'Mobile' },
  { value: 'email', label: 'Email' },
  { value: 'userId', label: 'User id' },
  { value: 'externalId', label: 'External id' },
];

const placeholders: Record<IdentifierKind, string> = {
  mobile: 'e.g. +919812345678',
  email: 'e.g. asha@example.com',
  userId: 'digits only',
  externalId: 'as in your CRM',
};

const inputModes = {
  mobile: 'tel',
  email: 'email',
  userId: 'numeric',
  externalId: 'text',
} as const;

/** The identifier as a request body names a customer: `{ mobile: "+91…" }`. */
export const customerRefOf = ({ kind, value }: CustomerIdentifier): CustomerRef =>
  ({ [kind]: value.trim() }) as CustomerRef;

/** The identifier as a path names a customer: `mobile:+91…`. */
export const customerPathRef = ({ kind, value }: CustomerIdentifier): string =>
  `${kind}:${value.trim()}`;

/** Words for an activity line: "mobile +91…". */
export const describeIdentifier = ({ kind, value }: CustomerIdentifier): string =>
  `${identifierKindOptions.find((o) => o.value === kind)?.label.toLowerCase() ?? kind} ${value.trim()}`;

/**
 * Which identifier names the customer, and its value: the pair member care, issuing and the
 * till ask for. The value's keyboard and example follow the kind chosen.
 */
export const CustomerIdentifierField = ({
  idPrefix,
  value,
  onChange,
  error,
}: {
  /** `${idPrefix}-kind` and `${idPrefix}-value` are the two inputs' ids. */
  idPrefix: string;
  value: CustomerIdentifier;
  onChange: (next: CustomerIdentifier) => void;
  error?: string | undefined;
}) => (
  <>
    <SelectField
      id={`${idPrefix}-kind`}
      label="Identifier"
      value={value.kind}
      onChange={(kind) => onChange({ ...value, kind })}
      options={identifierKindOptions}
    />
    <TextField
      id={`${idPrefix}-value`}
      label="Customer"
      value={value.value}
      onChange={(v) => onChange({ ...value, value: v })}
      placeholder={placeholders[value.kind]}
      inputMode={inputModes[value.kind]}
      error={error}
    />
  </>
);
