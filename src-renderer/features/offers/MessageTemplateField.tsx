import { useRef } from 'react';
import type { TemplateValues } from '#shared/notifications/template';
import { describedBy, FieldError } from '#renderer/ui/Field';
import { checkTemplate, templateTags, type TemplateCheck } from './message-preview';

const SmsIndicator = ({ check, allowUnicode }: { check: TemplateCheck; allowUnicode: boolean }) => {
  const sms = check.sms;
  if (!sms) return null;
  if (check.nonGsm && !allowUnicode) {
    return (
      <span className="sms-indicator sms-indicator--bad">
        Needs Unicode: “{check.nonGsm.char}” at position {check.nonGsm.index + 1} is not in the
        plain SMS alphabet. Replace it (e.g. ₹ with Rs.) or tick “Allow Unicode”.
      </span>
    );
  }
  const perPart = sms.encoding === 'GSM' ? (sms.parts > 1 ? 153 : 160) : sms.parts > 1 ? 67 : 70;
  return (
    <span className={`sms-indicator sms-indicator--${sms.encoding === 'GSM' ? 'gsm' : 'unicode'}`}>
      {sms.encoding === 'GSM' ? 'Plain SMS (GSM)' : 'Unicode SMS'} · {sms.length} characters ·{' '}
      {sms.parts} {sms.parts === 1 ? 'part' : 'parts'} ({perPart} per part)
    </span>
  );
};

/**
 * A message template: the text, buttons that insert each tag at the cursor, a live check
 * (unknown tags; for SMS the GSM/Unicode verdict and length) and the message as it would be
 * sent with sample values. The hub runs the same checks when the offer is saved; its error for
 * this field (e.g. issuance.expiryReminders.0.template) shows underneath.
 */
export const MessageTemplateField = (p: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  channel: 'SMS' | 'EMAIL';
  allowUnicode: boolean;
  values: TemplateValues;
  error?: string | undefined;
  rows?: number;
}) => {
  const ref = useRef<HTMLTextAreaElement>(null);
  const check = checkTemplate(p.value, p.channel, p.allowUnicode, p.values);
  const insert = (tag: string) => {
    const el = ref.current;
    const text = `{${tag}}`;
    const start = el?.selectionStart ?? p.value.length;
    const end = el?.selectionEnd ?? p.value.length;
    p.onChange(p.value.slice(0, start) + text + p.value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  const hint = `${p.id}-hint`;
  return (
    <div className={`field message-field${p.error ? ' field--error' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <textarea
        ref={ref}
        id={p.id}
        name={p.id}
        rows={p.rows ?? 2}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, { hint: true, error: p.error })}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <div className="message-field__tags" role="group" aria-label={`Insert a tag into ${p.label}`}>
        {templateTags.map((t) => (
          <button key={t} type="button" className="tag-chip" onClick={() => insert(t)}>
            {`{${t}}`}
          </button>
        ))}
      </div>
      <p className="field__hint" id={hint} data-testid={`${p.id}-check`}>
        {check.unknown.length > 0 ? (
          <span className="sms-indicator sms-indicator--bad">
            Not a tag: {check.unknown.map((t) => `{${t}}`).join(', ')}.{' '}
          </span>
        ) : null}
        {p.channel === 'SMS' ? (
          <SmsIndicator check={check} allowUnicode={p.allowUnicode} />
        ) : (
          <span className="sms-indicator">Email · any characters</span>
        )}
      </p>
      <div className="message-preview" data-testid={`${p.id}-preview`}>
        <span className="message-preview__label">Preview with sample values</span>
        <p>{check.preview || <span className="muted">(empty)</span>}</p>
      </div>
      <FieldError id={`${p.id}-error`} message={p.error} />
    </div>
  );
};
