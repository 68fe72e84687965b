import { errorAt, type FieldErrors } from '#renderer/ui/field-errors';
import { NumberField, TextField } from '#renderer/ui/Field';
import type { CustomerDraft } from './customer-form';

/** The fields of a customer, shared by registering and changing one. */
export const CustomerFields = ({
  idPrefix,
  draft,
  onChange,
  errors,
  zone,
}: {
  idPrefix: string;
  draft: CustomerDraft;
  onChange: (d: CustomerDraft) => void;
  errors: FieldErrors;
  zone: string;
}) => {
  const set =
    <K extends keyof CustomerDraft>(key: K) =>
    (value: CustomerDraft[K]) =>
      onChange({ ...draft, [key]: value });
  return (
    <>
      <p className="muted">Give at least one of mobile, email, user id or external id.</p>
      <div className="grid-2">
        <TextField
          id={`${idPrefix}-mobile`}
          label="Mobile"
          inputMode="tel"
          placeholder="e.g. +919812345678"
          value={draft.mobile}
          onChange={set('mobile')}
          error={errorAt(errors, 'mobile')}
        />
        <TextField
          id={`${idPrefix}-email`}
          label="Email"
          inputMode="email"
          value={draft.email}
          onChange={set('email')}
          error={errorAt(errors, 'email')}
        />
        <TextField
          id={`${idPrefix}-user-id`}
          label="User id"
          inputMode="numeric"
          hint="Digits only"
          value={draft.userId}
          onChange={set('userId')}
          error={errorAt(errors, 'userId')}
        />
        <TextField
          id={`${idPrefix}-external-id`}
          label="External id"
          hint="As in your CRM"
          value={draft.externalId}
          onChange={set('externalId')}
          error={errorAt(errors, 'externalId')}
        />
        <TextField
          id={`${idPrefix}-name`}
          label="Name"
          value={draft.name}
          onChange={set('name')}
          error={errorAt(errors, 'name')}
        />
        <TextField
          id={`${idPrefix}-registered`}
          label={`Registered on (${zone})`}
          type="date"
          value={draft.registeredOn}
          onChange={set('registeredOn')}
          error={errorAt(errors, 'registeredAt')}
        />
        <NumberField
          id={`${idPrefix}-transactions`}
          label="Past transactions"
          hint="Offers for new customers only read this; each redeemed bill adds one"
          min={0}
          value={draft.transactionCount}
          onChange={set('transactionCount')}
          error={errorAt(errors, 'transactionCount')}
        />
      </div>
    </>
  );
};
