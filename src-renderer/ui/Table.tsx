import { Fragment, type ReactNode } from 'react';

/** One column: its header and how a row fills its cell. */
export type Column<Row> = {
  /** The header people read; with `hideHeader` it is read by screen readers only. */
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Right-aligned, for counts and money. */
  numeric?: boolean;
  hideHeader?: boolean;
  /** Extra class on this column's body cells. */
  className?: string;
  /** The cell names its row (a `th scope="row"`), for tables read across. */
  rowHeader?: boolean;
};

/**
 * How the table is named for assistive technology: a caption (visible, or read only when
 * `captionHidden`) or, where a heading nearby already says it, an aria-label.
 */
type Naming =
  | { caption: ReactNode; captionHidden?: boolean; label?: never }
  | { label: string; caption?: never; captionHidden?: never };

/** A row opened under its own row, spanning every column (a message as sent, for instance). */
export type RowDetail = { id: string; className?: string; content: ReactNode };

export type TableProps<Row> = Naming & {
  /** `false` or `null` leave out a column the viewer may not use. */
  columns: readonly (Column<Row> | false | null)[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown in place of the table when there are no rows; null shows nothing (still loading). */
  empty: ReactNode;
  /** Keep the header on screen with no rows (a list the viewer is filling or paging). */
  headerWhenEmpty?: boolean;
  compact?: boolean;
  className?: string;
  testId?: string;
  rowTestId?: string;
  rowClassName?: (row: Row, index: number) => string | undefined;
  detail?: (row: Row) => RowDetail | null;
  busy?: boolean;
  /** One class per column, for widths set in CSS. */
  colClasses?: readonly string[];
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

/** The columns on screen, falsy ones (left out for this viewer) dropped. */
export const shownColumns = <Row,>(columns: TableProps<Row>['columns']): Column<Row>[] =>
  columns.filter((c): c is Column<Row> => Boolean(c));

/**
 * The app's one data table: headers scoped to their columns, a name for assistive technology,
 * numbers right-aligned, and a plain sentence when there is nothing to list.
 */
export const Table = <Row,>(p: TableProps<Row>) => {
  const columns = shownColumns(p.columns);
  if (p.rows.length === 0 && !p.headerWhenEmpty) {
    return p.empty === null ? null : <p className="muted table__empty">{p.empty}</p>;
  }
  return (
    <>
      <table
        className={classes('table', p.compact && 'table--compact', p.className)}
        aria-label={p.label}
        aria-busy={p.busy}
        data-testid={p.testId}
      >
        {p.caption !== undefined ? (
          <caption className={p.captionHidden ? 'visually-hidden' : 'muted'}>{p.caption}</caption>
        ) : null}
        {p.colClasses ? (
          <colgroup>
            {p.colClasses.map((c) => (
              <col key={c} className={c} />
            ))}
          </colgroup>
        ) : null}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((row, n) => {
            const detail = p.detail?.(row) ?? null;
            return (
              <Fragment key={p.rowKey(row)}>
                <tr className={p.rowClassName?.(row, n)} data-testid={p.rowTestId}>
                  {columns.map((c, i) => {
                    const className = classes(c.numeric && 'num', c.className) || undefined;
                    return c.rowHeader ? (
                      <th key={i} scope="row" className={className}>
                        {c.cell(row, n)}
                      </th>
                    ) : (
                      <td key={i} className={className}>
                        {c.cell(row, n)}
                      </td>
                    );
                  })}
                </tr>
                {detail ? (
                  <tr id={detail.id} className={detail.className}>
                    <td colSpan={columns.length}>{detail.content}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {p.rows.length === 0 && p.empty !== null ? (
        <p className="muted table__empty">{p.empty}</p>
      ) : null}
    </>
  );
};
