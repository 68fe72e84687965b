/** One problem with one input field, as INVALID_INPUT reports it. */
export type FieldIssue = { path: string; message: string };

const pathText = (p: unknown): string | null => {
  if (typeof p === 'string') return p;
  if (Array.isArray(p)) return p.map(String).join('.');
  return null;
};

/**
 * Reads the shapes the API uses for field details: [{path, message}], {path|field, message},
 * {fields: [...]}. Paths may be arrays (zod) or dotted strings.
 */
export const fieldIssuesOf = (details: unknown, fallbackMessage = ''): FieldIssue[] => {
  if (Array.isArray(details)) {
    return details.flatMap((d) => fieldIssuesOf(d, fallbackMessage));
  }
  if (details && typeof details === 'object') {
    const d = details as Record<string, unknown>;
    if (Array.isArray(d.fields)) {
      return d.fields.flatMap((f) =>
        typeof f === 'string'
          ? [{ path: f, message: fallbackMessage }]
          : fieldIssuesOf(f, fallbackMessage),
      );
    }
    if (Array.isArray(d.issues)) return fieldIssuesOf(d.issues, fallbackMessage);
    const path = pathText(d.path) ?? pathText(d.field);
    if (path !== null) {
      const message = typeof d.message === 'string' ? d.message : fallbackMessage;
      return [{ path, message }];
    }
  }
  return [];
};
