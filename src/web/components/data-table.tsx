import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Sort direction, as the API takes it. */
export type SortOrder = 'asc' | 'desc';

/** Which column a table is sorted on. */
export interface SortState<Key extends string = string> {
  key: Key;
  order: SortOrder;
}

/** One column: its header, how to draw a cell, and whether (and which way first) it sorts. */
export interface Column<Row, Key extends string = string> {
  key: Key;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  sortable?: boolean;
  /** Direction of the first click on this header (dates usually want newest first). */
  firstOrder?: SortOrder;
  /** Cells of this column name their row (rendered as <th scope="row">). */
  rowHeader?: boolean;
  className?: string;
}

/**
 * A native <table> with a caption and sortable headers. Sorting is done by the server (lists are
 * paginated); a sortable header is a button inside the <th>, and the <th> carries `aria-sort` so
 * that screen readers say which column is sorted and how. Wide tables scroll inside a focusable,
 * labelled region instead of widening the page.
 */
export function DataTable<Row, Key extends string = string>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  sort,
  onSortChange,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column<Row, Key>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort?: SortState<Key>;
  onSortChange?: (sort: SortState<Key>) => void;
}) {
  const { t } = useTranslation();
  const captionId = useId();

  const ariaSort = (column: Column<Row, Key>) => {
    if (!column.sortable || !onSortChange) return undefined;
    if (sort?.key !== column.key) return 'none' as const;
    return sort.order === 'asc' ? ('ascending' as const) : ('descending' as const);
  };

  const toggle = (column: Column<Row, Key>) => {
    if (!onSortChange) return;
    if (sort?.key === column.key) onSortChange({ key: column.key, order: sort.order === 'asc' ? 'desc' : 'asc' });
    else onSortChange({ key: column.key, order: column.firstOrder ?? 'asc' });
  };

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className={captionHidden ? 'visually-hidden' : 'table__caption'}>
          {caption}
          {sort && onSortChange ? <span className="visually-hidden">{t('components.table.sortHint')}</span> : null}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" aria-sort={ariaSort(column)} className={column.className}>
                {column.sortable && onSortChange ? (
                  <button type="button" className="table__sort" onClick={() => toggle(column)}>
                    {column.header}
                    <span className="table__sort-icon" aria-hidden="true">
                      {sort?.key === column.key ? (sort.order === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={column.className}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
