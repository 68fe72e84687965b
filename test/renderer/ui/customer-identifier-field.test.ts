import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { customerRef } from '#shared/domain/customer';
import {
  CustomerIdentifierField,
  customerPathRef,
  customerRefOf,
  describeIdentifier,
  identifierKindOptions,
} from '#renderer/ui/CustomerIdentifierField';
import { identifierKind } from '#shared/domain/customer';

describe('CustomerIdentifierField', () => {
  it('offers every identifier kind the API knows, once', () => {
    expect(identifierKindOptions.map((o) => o.value).sort()).toEqual(
      [...identifierKind.options].sort(),
    );
  });

  it('names the customer the way the request body and the path expect, trimmed', () => {
    const who = { kind: 'mobile', value: ' +919812345678 ' } as const;
    expect(customerRefOf(who)).toEqual({ mobile: '+919812345678' });
    expect(customerRef.safeParse(customerRefOf(who)).success).toBe(true);
    expect(customerPathRef(who)).toBe('mobile:+919812345678');
    expect(describeIdentifier({ kind: 'userId', value: '42' })).toBe('user id 42');
  });

  it('renders the two labelled inputs, the value keyboard following the kind', () => {
    const markup = renderToStaticMarkup(
      createElement(CustomerIdentifierField, {
        idPrefix: 'mc',
        value: { kind: 'email', value: 'a@b.c' },
        onChange: () => undefined,
        error: 'email is not a valid address',
      }),
    );
    expect(markup).toContain('<label for="mc-kind">Identifier</label>');
    expect(markup).toContain('<label for="mc-value">Customer</label>');
    expect(markup).toMatch(/<input id="mc-value"[^>]*inputMode="email"/);
    expect(markup).toContain('email is not a valid address');
  });

  it('writes back the kind or the value, keeping the other', () => {
    let seen: unknown = null;
    const el = CustomerIdentifierField({
      idPrefix: 'x',
      value: { kind: 'mobile', value: '123' },
      onChange: (v) => {
        seen = v;
      },
    });
    const [select, text] = (
      el.props as { children: { props: { onChange: (v: string) => void } }[] }
    ).children;
    select?.props.onChange('email');
    expect(seen).toEqual({ kind: 'email', value: '123' });
    text?.props.onChange('9');
    expect(seen).toEqual({ kind: 'mobile', value: '9' });
  });
});
