import type { ReactNode } from 'react';
import { formatMovieTitle, formatRating } from '../../format';
import type { MovieRow } from '../../../worker/protocol';

interface RecommendedTableProps {
  rows: MovieRow[];
  isStale: boolean;
  /** Accessible name of the table; "Recommended movies" unless set. */
  label?: string;
  /** Buttons for one row, shown in a last column when set. */
  renderActions?: (row: MovieRow) => ReactNode;
}

/** Renders the top-N unseen movies by predicted rating. */
export function RecommendedTable({
  rows,
  isStale,
  label = 'Recommended movies',
  renderActions,
}: RecommendedTableProps) {
  const columns = renderActions === undefined ? 4 : 5;
  return (
    <div className={isStale ? 'table-scroll is-stale' : 'table-scroll'}>
      <table className="movie-table" aria-label={label} aria-busy={isStale}>
        <thead>
          <tr>
            <th scope="col" className="num col-rank">
              #
            </th>
            <th scope="col">Title</th>
            <th scope="col" className="col-genres">
              Genres
            </th>
            <th scope="col" className="num col-rating">
              Predicted
            </th>
            {renderActions !== undefined && (
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.movieId} data-movie-id={row.movieId}>
              <td className="num col-rank">{index + 1}</td>
              <td className="cell-title" title={formatMovieTitle(row.movieId, row.title)}>
                {formatMovieTitle(row.movieId, row.title)}
              </td>
              <td className="col-genres cell-genres">{row.genres.join(', ')}</td>
              <td className="num col-rating">{formatRating(row.rating)}</td>
              {renderActions !== undefined && <td className="col-actions">{renderActions(row)}</td>}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                No unseen movies left to recommend.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
