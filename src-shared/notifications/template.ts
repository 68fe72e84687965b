/**
 * Message templates: text with tags a person types in the offer editor, e.g.
 * "Hi {customer_name}, {code} expires on {expiry_date}". `{{tag}}` is read the same as `{tag}`
 * (both spellings appear in the wild). A `{word}` that is not a known tag is refused when the
 * offer is saved, so a typo never reaches a customer as literal braces.
 */
export const TEMPLATE_TAGS = [
  'customer_name',
  'code',
  'expiry_date',
  'offer_name',
  'discount',
] as const;
export type TemplateTag = (typeof TEMPLATE_TAGS)[number];
export type TemplateValues = Record<TemplateTag, string>;

const TAG = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const isTag = (name: string): name is TemplateTag =>
  (TEMPLATE_TAGS as readonly string[]).includes(name);

/** Every tag-shaped `{word}` in the template, known or not, in order of appearance. */
export function tagsIn(template: string): string[] {
  return [...template.matchAll(TAG)].map((m) => (m[1] ?? m[2]) as string);
}

export const unknownTags = (template: string): string[] =>
  [...new Set(tagsIn(template))].filter((t) => !isTag(t));

/** The template with every known tag replaced; `escape` adapts each value (e.g. to GSM). */
export function renderTemplate(
  template: string,
  values: TemplateValues,
  escape: (value: string) => string = (v) => v,
): string {
  return template.replace(TAG, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b) as string;
    return isTag(name) ? escape(values[name]) : whole;
  });
}

/** "{customer_name} {code} …": the list shown in error messages. */
export const tagList = (): string => TEMPLATE_TAGS.map((t) => `{${t}}`).join(' ');
