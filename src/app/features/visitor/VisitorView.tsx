import { useEffect, useMemo, useState } from 'react';
import { formatMovieTitle, formatRating } from '../../format';
import { useController } from '../../store/context';
import type { FoundMovie, MovieFacets, MovieFilter } from '../../../worker/protocol';
import { MovieActions, type MovieRef } from '../explore/MovieActions';
import { RecommendedTable } from '../explore/RecommendedTable';
import { useWorkerResult } from '../explore/use_worker_result';
import {
  loadVisitorRatings,
  saveVisitorRatings,
  type StoredVisitorRating,
} from './visitor_storage';

/** Ratings a visitor should give before the recommendations mean much. */
export const SUGGESTED_RATINGS = 5;
const STARTER_COUNT = 12;
const SEARCH_LIMIT = 20;

interface VisitorViewProps {
  datasetName: string;
  facets: MovieFacets | null;
  filter: MovieFilter;
  count: number;
  onSimilar: (movie: MovieRef) => void;
  onExplain: (movie: MovieRef, ratings: StoredVisitorRating[]) => void;
  /** Receives the rated and recommended movie ids, for the taste map to highlight. */
  onShownChange: (ids: { rated: Set<number>; recommended: Set<number> }) => void;
}

/**
 * Renders the new-visitor mode: find and rate movies, then see recommendations from a
 * fold-in of those ratings against the trained movie factors. Ratings persist per data set.
 */
export function VisitorView({
  datasetName,
  facets,
  filter,
  count,
  onSimilar,
  onExplain,
  onShownChange,
}: VisitorViewProps) {
  const controller = useController();
  const [ratings, setRatings] = useState(() => loadVisitorRatings(datasetName));
  const [query, setQuery] = useState('');

  const searchRequest = useMemo(() => {
    const trimmed = query.trim();
    return trimmed === ''
      ? () => controller.explorer.starterMovies(STARTER_COUNT)
      : () => controller.explorer.searchMovies(trimmed, SEARCH_LIMIT);
  }, [controller, query]);
  const found = useWorkerResult(searchRequest);

  const recommendRequest = useMemo(() => {
    if (ratings.length === 0) return null;
    const plain = ratings.map(({ movieId, rating }) => ({ movieId, rating }));
    return () => controller.explorer.recommendForVisitor(plain, count, filter);
  }, [controller, ratings, count, filter]);
  const recommended = useWorkerResult(recommendRequest);

  const shownRows = ratings.length === 0 ? null : recommended.value?.rows;
  useEffect(() => {
    onShownChange({
      rated: new Set(ratings.map((entry) => entry.movieId)),
      recommended: new Set(shownRows?.map((row) => row.movieId) ?? []),
    });
  }, [onShownChange, ratings, shownRows]);

  function updateRatings(next: StoredVisitorRating[]) {
    setRatings(next);
    saveVisitorRatings(datasetName, next);
  }

  function rate(movie: FoundMovie, rating: number | null) {
    const others = ratings.filter((entry) => entry.movieId !== movie.movieId);
    updateRatings(
      rating === null
        ? others
        : [...others, { movieId: movie.movieId, rating, title: movie.title }],
    );
  }

  const ratingOf = new Map(ratings.map((entry) => [entry.movieId, entry.rating]));
  const scaleValues = facets === null ? [] : ratingValues(facets.scale);
  const remaining = Math.max(0, SUGGESTED_RATINGS - ratings.length);

  return (
    <div className="visitor">
      <div className="visitor-columns">
        <section className="visitor-find" aria-label="Find and rate movies">
          <div className="field">
            <label htmlFor="visitor-search">Find a movie</label>
            <input
              id="visitor-search"
              type="search"
              autoComplete="off"
              placeholder="Part of a title, e.g. star"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
            />
          </div>
          <h3 className="small-heading">
            {query.trim() === '' ? 'Popular movies across genres' : 'Matching movies'}
          </h3>
          {found.error !== null && <p className="field-error">{found.error}</p>}
          <ul className={found.isLoading ? 'found-movies is-stale' : 'found-movies'}>
            {(found.value ?? []).map((movie) => {
              const title = formatMovieTitle(movie.movieId, movie.title);
              const current = ratingOf.get(movie.movieId);
              return (
                <li key={movie.movieId} data-movie-id={movie.movieId}>
                  <span className="found-title" title={title}>
                    {title}
                    <span className="muted small"> · {movie.genres.slice(0, 2).join(', ')}</span>
                  </span>
                  <select
                    aria-label={`Your rating for ${title}`}
                    value={current === undefined ? '' : String(current)}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      rate(movie, value === '' ? null : Number(value));
                    }}
                  >
                    <option value="">–</option>
                    {scaleValues.map((value) => (
                      <option key={value} value={String(value)}>
                        {value}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
            {found.value !== null && found.value.length === 0 && (
              <li className="muted">No title contains “{query.trim()}”.</li>
            )}
          </ul>
        </section>

        <section className="visitor-rated" aria-label="Your ratings">
          <h3 className="small-heading">
            Your ratings ({ratings.length})
            {ratings.length > 0 && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  if (window.confirm('Remove all your ratings?')) updateRatings([]);
                }}
              >
                Reset my ratings
              </button>
            )}
          </h3>
          {remaining > 0 && (
            <p className="hint">
              Rate {remaining} more {remaining === 1 ? 'movie' : 'movies'}; {SUGGESTED_RATINGS} or
              more give steadier recommendations.
            </p>
          )}
          <ul className="visitor-rated-list">
            {ratings.map((entry) => {
              const title = formatMovieTitle(entry.movieId, entry.title);
              return (
                <li key={entry.movieId} data-movie-id={entry.movieId}>
                  <span className="found-title" title={title}>
                    {title}
                  </span>
                  <span className="num">{formatRating(entry.rating)}</span>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${title}`}
                    onClick={() =>
                      updateRatings(ratings.filter((other) => other.movieId !== entry.movieId))
                    }
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      </div>

      <section className="visitor-recommended" aria-label="Your recommendations">
        <h3>
          Top {count} for you
          {recommended.value !== null && !recommended.isLoading && (
            <span className="muted small">
              {' '}
              · fitted from {recommended.value.used}{' '}
              {recommended.value.used === 1 ? 'rating' : 'ratings'} in{' '}
              {recommended.value.milliseconds.toFixed(1)} ms, no retraining
            </span>
          )}
        </h3>
        {ratings.length === 0 ? (
          <p className="muted">Rate a movie to see recommendations.</p>
        ) : (
          <>
            {recommended.error !== null && <p className="field-error">{recommended.error}</p>}
            {recommended.value !== null && (
              <RecommendedTable
                rows={recommended.value.rows}
                isStale={recommended.isLoading}
                label="Recommended for you"
                renderActions={(row) => (
                  <MovieActions
                    movie={row}
                    onSimilar={onSimilar}
                    onExplain={(movie) => onExplain(movie, ratings)}
                  />
                )}
              />
            )}
          </>
        )}
      </section>
    </div>
  );
}

/** Lists every rating on the scale, highest first: 5, 4, … or 5, 4.5, … for half stars. */
function ratingValues(scale: MovieFacets['scale']): number[] {
  const step = scale.step > 0 ? scale.step : 1;
  const values: number[] = [];
  for (let value = scale.max; value >= scale.min - 1e-9; value -= step) {
    values.push(Math.round(value * 100) / 100);
  }
  return values;
}
