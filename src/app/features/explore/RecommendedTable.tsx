import { formatMovieTitle, formatRating } from '../../format';
import type { MovieRow } from '../../../worker/protocol';

/** Renders the top-N unseen movies by predicted rating. */
export function RecommendedTable({ rows, isStale }: { rows: MovieRow[]; isStale: boolean }) {
  return (
    <div className={isStale ? 'table-scroll is-stale' : 'table-scroll'}>
      <table className="movie-table" aria-label="Recommended movies" aria-busy={isStale}>
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
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No unseen movies left to recommend.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
