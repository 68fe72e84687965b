/** What spreadsheets read as the start of a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A cell as safe to open in Excel, LibreOffice or Sheets: text beginning with `=`, `+`, `-`,
 * `@`, tab or carriage return gets a leading `'`, so `=HYPERLINK(...)` typed into an upload
 * comes back in the issues file as inert text instead of a live formula on the reviewer's
 * machine. Every CSV the system writes goes through here (toCsv).
 *
 * OWASP says prefix regardless of what follows, and so do we: text such as a negative amount
 * "-5.00" or a mobile "+9198…" is written as "'-5.00" / "'+9198…". A person reading it loses
 * nothing, a spreadsheet shows it as text, and telling a harmless "-5" from "-5+cmd|' /C calc'!A0"
 * is exactly the parsing we must not get wrong. JavaScript numbers are left alone: they cannot
 * carry a formula, so numeric columns (row numbers, counts) stay numeric.
 */
export const neutraliseCsvText = (text: string): string =>
  formulaStart.test(text) ? `'${text}` : text;

/** neutraliseCsvText for a cell of any type: only text can hold a formula. */
export const neutraliseCsvCell = (cell: unknown): unknown =>
  typeof cell === 'string' ? neutraliseCsvText(cell) : cell;
