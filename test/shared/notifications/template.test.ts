import { describe, expect, it } from 'vitest';
import {
  renderTemplate,
  tagsIn,
  unknownTags,
  type TemplateValues,
} from '#shared/notifications/template';

const values: TemplateValues = {
  customer_name: 'Ana',
  code: 'AB12CD34',
  expiry_date: '31 Dec 2025',
  offer_name: 'Diwali',
  discount: 'INR 100',
};

describe('message templates', () => {
  it('fills every tag, in {tag} and {{tag}} spelling, as often as it appears', () => {
    expect(
      renderTemplate(
        'Hi {customer_name}, {{ code }} ({discount} off {offer_name}) ends {expiry_date}. {code}!',
        values,
      ),
    ).toBe('Hi Ana, AB12CD34 (INR 100 off Diwali) ends 31 Dec 2025. AB12CD34!');
  });

  it('leaves unknown tags and stray braces alone, and reports the unknown ones once', () => {
    const t = 'Hi {name}, {code} {name} {not closed';
    expect(renderTemplate(t, values)).toBe('Hi {name}, AB12CD34 {name} {not closed');
    expect(tagsIn(t)).toEqual(['name', 'code', 'name']);
    expect(unknownTags(t)).toEqual(['name']);
    expect(unknownTags('{{code}} {expiry_date}')).toEqual([]);
  });

  it('passes filled-in values (not the template) through the escape', () => {
    expect(
      renderTemplate('{customer_name}!', { ...values, customer_name: 'zoë' }, (v) =>
        v.toUpperCase(),
      ),
    ).toBe('ZOË!');
  });
});
