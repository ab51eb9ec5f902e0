import { useMemo, useState } from 'react';
import { formatCount, formatMovieTitle } from '../../format';
import { useController } from '../../store/context';
import type { MovieRef } from '../explore/MovieActions';
import { useWorkerResult } from '../explore/use_worker_result';

const SIMILAR_COUNT = 10;
/** Movies with fewer ratings have noisy embeddings, so they are left out by default. */
export const DEFAULT_MIN_RATINGS = 20;

interface SimilarMoviesProps {
  movie: MovieRef;
  onSelect: (movie: MovieRef) => void;
  onClose: () => void;
}

/** Renders the nearest movies to one movie by cosine similarity of the item embeddings. */
export function SimilarMovies({ movie, onSelect, onClose }: SimilarMoviesProps) {
  const controller = useController();
  const [minRatings, setMinRatings] = useState(DEFAULT_MIN_RATINGS);
  const request = useMemo(
    () => () => controller.explorer.similarMovies(movie.movieId, SIMILAR_COUNT, minRatings),
    [controller, movie.movieId, minRatings],
  );
  const similar = useWorkerResult(request);
  const title = formatMovieTitle(movie.movieId, movie.title);

  return (
    <section className="detail-view" aria-label="Similar movies view">
      <header className="detail-header">
        <h3>Movies similar to {title}</h3>
        <div className="field field-inline">
          <label htmlFor="similar-min-ratings">Min. ratings</label>
          <input
            id="similar-min-ratings"
            type="number"
            min={0}
            step={1}
            value={minRatings}
            onChange={(event) => setMinRatings(Math.max(0, Number(event.currentTarget.value) || 0))}
          />
        </div>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      {similar.error !== null && <p className="field-error">{similar.error}</p>}
      {similar.value !== null && (
        <div className={similar.isLoading ? 'table-scroll is-stale' : 'table-scroll'}>
          <table className="movie-table" aria-label="Similar movies">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col" className="col-genres">
                  Genres
                </th>
                <th scope="col" className="num">
                  Cosine
                </th>
                <th scope="col" className="num">
                  Ratings
                </th>
              </tr>
            </thead>
            <tbody>
              {similar.value.map((row) => (
                <tr key={row.movieId} data-movie-id={row.movieId}>
                  <td className="cell-title">
                    <button
                      type="button"
                      className="link-button"
                      title={`Show movies similar to ${formatMovieTitle(row.movieId, row.title)}`}
                      onClick={() => onSelect(row)}
                    >
                      {formatMovieTitle(row.movieId, row.title)}
                    </button>
                  </td>
                  <td className="col-genres cell-genres">{row.genres.join(', ')}</td>
                  <td className="num">{row.similarity.toFixed(3)}</td>
                  <td className="num">{formatCount(row.ratings)}</td>
                </tr>
              ))}
              {similar.value.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No other movie has {minRatings} or more ratings.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
