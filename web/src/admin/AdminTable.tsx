import { useId, type ReactNode } from 'react';

export interface AdminTableProps {
  readonly testId: string;
  readonly caption: string;
  /** The column headings, in order. */
  readonly columns: readonly string[];
  /** The row that says the list is empty, when it is (and has been loaded). */
  readonly empty?: string | undefined;
  readonly isEmpty?: boolean;
  /** `wide`: the compact look of the lists with many columns; `plain`: roomier rows. */
  readonly look: 'wide' | 'plain';
  readonly children: ReactNode;
}

/**
 * An administration list: a captioned table, one heading per column, its rows or a line saying there are none. Every
 * list scrolls sideways inside its own box when its columns do not fit (a phone's width), never the whole page; the
 * box is a named stop of the keyboard so that it can be scrolled without a mouse.
 */
export function AdminTable({ testId, caption, columns, empty, isEmpty = false, look, children }: AdminTableProps) {
  const captionId = useId();
  return (
    <div className="admin__table-wrap" role="region" aria-labelledby={captionId} tabIndex={0} data-testid={`${testId}-scroll`}>
      <table className={look === 'wide' ? 'admin__table' : 'admin-table'} data-testid={testId}>
        <caption id={captionId}>{caption}</caption>
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
    </div>
  );
}
