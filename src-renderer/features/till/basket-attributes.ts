/**
 * A basket line's product attributes as the cashier types them: "colour=red, size=M" (a colon
 * works too: "colour: red; size: M"). Offers scoped to an attribute match a line holding that
 * name and value (docs/rules.md, "Which basket lines an offer applies to").
 */
export type ParsedAttributes = {
  attributes: Record<string, string>;
  /** What is wrong with the text, in the cashier's words; null when every pair was read. */
  problem: string | null;
};

const pairSeparator = /[,;\n]/;

export function parseAttributes(text: string): ParsedAttributes {
  const attributes: Record<string, string> = {};
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(pairSeparator)) {
    const part = raw.trim();
    if (part === '') continue;
    const at = part.search(/[=:]/);
    const name = at < 0 ? '' : part.slice(0, at).trim();
    const value = at < 0 ? '' : part.slice(at + 1).trim();
    if (name === '' || value === '') {
      problems.push(`"${part}" needs a name and a value, like colour=red`);
      continue;
    }
    // The engine compares names case-insensitively, so "Colour" and "colour" are one name.
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      problems.push(`${name} is given twice; keep one value`);
      continue;
    }
    seen.add(folded);
    attributes[name] = value;
  }
  return { attributes, problem: problems.length > 0 ? problems.join('; ') : null };
}
