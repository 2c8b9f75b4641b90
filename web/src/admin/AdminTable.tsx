import type { ReactNode } from 'react';

export interface AdminTableProps {
  readonly testId: string;
  readonly caption: string;
  /** The column headings, in order. */
  readonly columns: readonly string[];
  /** The row that says the list is empty, when it is (and has been loaded). */
  readonly empty?: string | undefined;
  readonly isEmpty?: boolean;
  /** `wide`: scrolls sideways inside its own box when its columns do not fit (the lists with many columns). */
  readonly look: 'wide' | 'plain';
  readonly children: ReactNode;
}

/** An administration list: a captioned table, one heading per column, its rows or a line saying there are none. */
export function AdminTable({ testId, caption, columns, empty, isEmpty = false, look, children }: AdminTableProps) {
  const table = (
    <table className={look === 'wide' ? 'admin__table' : 'admin-table'} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {isEmpty && empty !== undefined && (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        )}
        {children}
      </tbody>
    </table>
  );
  return look === 'wide' ? <div className="admin__table-wrap">{table}</div> : table;
}
