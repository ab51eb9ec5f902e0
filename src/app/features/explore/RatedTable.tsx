import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, type ReactNode } from 'react';
import { formatMovieTitle, formatRating } from '../../format';
import type { MovieRow } from '../../../worker/protocol';

/** Must match `.rated-table tbody tr` height in the CSS, so the scroll range is exact. */
const ROW_HEIGHT_PX = 30;

/**
 * Renders every movie the user rated, highest rating first. Heavy users have thousands, so only the
 * rows in view are in the DOM, and spacer rows keep the scroll height.
 */
export function RatedTable({
  rows,
  isStale,
  renderActions,
}: {
  rows: MovieRow[];
  isStale: boolean;
  /** Buttons for one row, shown in a last column when set. */
  renderActions?: (row: MovieRow) => ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const sorted = useMemo(() => [...rows].sort(compareRatedRows), [rows]);

  // The rule only reports that React Compiler would skip this component. The project does
  // not run the compiler, and nothing memoised receives the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const topPadding = items[0]?.start ?? 0;
  const bottomPadding = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div
      ref={scrollRef}
      className={isStale ? 'table-scroll rated-scroll is-stale' : 'table-scroll rated-scroll'}
    >
      <table
        className="movie-table rated-table"
        aria-label="Rated movies"
        aria-rowcount={sorted.length + 1}
        aria-busy={isStale}
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Title</th>
            <th scope="col" className="col-genres">
              Genres
            </th>
            <th scope="col" className="num col-rating">
              Rating
            </th>
            {renderActions !== undefined && (
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {topPadding > 0 && (
            <tr className="spacer" aria-hidden="true" style={{ height: topPadding }} />
          )}
          {items.map((item) => {
            const row = sorted[item.index];
            if (row === undefined) return null;
            const title = formatMovieTitle(row.movieId, row.title);
            return (
              <tr key={row.movieId} aria-rowindex={item.index + 2} data-movie-id={row.movieId}>
                <td className="cell-title" title={title}>
                  {title}
                </td>
                <td className="col-genres cell-genres">{row.genres.join(', ')}</td>
                <td className="num col-rating">{formatRating(row.rating)}</td>
                {renderActions !== undefined && (
                  <td className="col-actions">{renderActions(row)}</td>
                )}
              </tr>
            );
          })}
          {bottomPadding > 0 && (
            <tr className="spacer" aria-hidden="true" style={{ height: bottomPadding }} />
          )}
          {sorted.length === 0 && (
            <tr>
              <td colSpan={renderActions === undefined ? 3 : 4} className="muted">
                This user has no ratings in the loaded data.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Orders by rating, highest first, then by title, or by id when there are no titles. */
function compareRatedRows(a: MovieRow, b: MovieRow): number {
  if (a.rating !== b.rating) return b.rating - a.rating;
  if (a.title !== null && b.title !== null) return a.title.localeCompare(b.title);
  return a.movieId - b.movieId;
}
