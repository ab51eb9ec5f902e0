import { useMemo } from 'react';
import { formatMovieTitle, formatRating } from '../../format';
import { useController } from '../../store/context';
import type { ExplainTarget } from '../../../worker/protocol';
import type { MovieRef } from './MovieActions';
import { useWorkerResult } from './use_worker_result';

interface ExplanationViewProps {
  target: ExplainTarget;
  movie: MovieRef;
  onClose: () => void;
}

/** Renders one prediction split into μ, b_u, b_i and p_u·q_i, with the liked movies near it. */
export function ExplanationView({ target, movie, onClose }: ExplanationViewProps) {
  const controller = useController();
  const request = useMemo(
    () => () => controller.explorer.explain(target, movie.movieId),
    [controller, target, movie.movieId],
  );
  const result = useWorkerResult(request);
  const title = formatMovieTitle(movie.movieId, movie.title);
  const who = target.kind === 'user' ? `user ${target.userId}` : 'you';
  const explanation = result.value;

  return (
    <section className="detail-view" aria-label="Why this recommendation">
      <header className="detail-header">
        <h3>
          Why {title} for {who}
        </h3>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      {result.error !== null && <p className="field-error">{result.error}</p>}
      {explanation !== null && (
        <div className={result.isLoading ? 'explanation is-stale' : 'explanation'}>
          <table className="metrics-table terms-table" aria-label="Prediction terms">
            <tbody>
              <Term name="μ (mean rating)" value={explanation.terms.mu} />
              <Term name="b_u (user bias)" value={explanation.terms.userBias} signed />
              <Term name="b_i (movie bias)" value={explanation.terms.itemBias} signed />
              <Term name="p_u · q_i (taste match)" value={explanation.terms.latent} signed />
              <tr className="is-best">
                <th scope="row">Predicted rating</th>
                <td className="num">
                  {formatRating(explanation.terms.clipped)}
                  {explanation.terms.clipped !== explanation.terms.raw && (
                    <span className="muted small">
                      {' '}
                      (sum {formatRating(explanation.terms.raw)}, clipped to the scale)
                    </span>
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          <div>
            <h4 className="small-heading">Movies {who} rated highly that are most like it</h4>
            {explanation.neighbours.length === 0 ? (
              <p className="muted small">No rated movies to compare with.</p>
            ) : (
              <ul className="neighbour-list">
                {explanation.neighbours.map((neighbour) => (
                  <li key={neighbour.movieId}>
                    <span className="found-title">
                      {formatMovieTitle(neighbour.movieId, neighbour.title)}
                    </span>
                    <span className="muted small">
                      rated {formatRating(neighbour.rating)} · cosine{' '}
                      {neighbour.similarity.toFixed(2)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function Term({ name, value, signed }: { name: string; value: number; signed?: boolean }) {
  const text = formatRating(value);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{signed === true && value >= 0 ? `+${text}` : text}</td>
    </tr>
  );
}
