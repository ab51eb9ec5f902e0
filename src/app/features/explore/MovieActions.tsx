import { formatMovieTitle } from '../../format';

/** The movie a detail view is about. */
export interface MovieRef {
  movieId: number;
  title: string | null;
}

interface MovieActionsProps {
  movie: MovieRef;
  onSimilar: (movie: MovieRef) => void;
  /** Absent where there is no prediction to explain (a movie the user rated). */
  onExplain?: (movie: MovieRef) => void;
}

/** Renders the row buttons that open the similar movies or the explanation of one movie. */
export function MovieActions({ movie, onSimilar, onExplain }: MovieActionsProps) {
  const title = formatMovieTitle(movie.movieId, movie.title);
  return (
    <span className="row-actions">
      <button
        type="button"
        className="link-button"
        aria-label={`Similar to ${title}`}
        onClick={() => onSimilar(movie)}
      >
        Similar
      </button>
      {onExplain !== undefined && (
        <button
          type="button"
          className="link-button"
          aria-label={`Why ${title}`}
          onClick={() => onExplain(movie)}
        >
          Why
        </button>
      )}
    </span>
  );
}
