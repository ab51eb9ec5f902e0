import { useMemo, useState } from 'react';
import { formatCount } from '../../format';
import { useController, useSessionState } from '../../store/context';
import type { ExplainTarget, MovieFilter } from '../../../worker/protocol';
import { SimilarMovies } from '../similar/SimilarMovies';
import { TasteMapView } from '../taste_map/TasteMapView';
import { VisitorView } from '../visitor/VisitorView';
import { ExplanationView } from './ExplanationView';
import { MovieActions, type MovieRef } from './MovieActions';
import { RatedTable } from './RatedTable';
import { DEFAULT_FILTER, RecommendationFilters } from './RecommendationFilters';
import { RecommendedTable } from './RecommendedTable';
import { useWorkerResult } from './use_worker_result';
import { useWorkerRows } from './use_worker_rows';
import { UserPicker } from './UserPicker';

type Mode = 'user' | 'visitor';

/** The detail view under the tables: similar movies, or why a movie was recommended. */
type Detail =
  | { kind: 'similar'; movie: MovieRef }
  | { kind: 'explain'; movie: MovieRef; target: ExplainTarget };

interface ExplorerProps {
  datasetName: string;
  hasMovies: boolean;
  count: number;
  onCountChange: (count: number) => void;
}

const EMPTY_IDS: ReadonlySet<number> = new Set();

/** Renders the explorer for one model: a data set user or a new visitor. A new model remounts it. */
export function Explorer({ datasetName, hasMovies, count, onCountChange }: ExplorerProps) {
  const controller = useController();
  const selectedUser = useSessionState((state) => state.selectedUser);
  const [mode, setMode] = useState<Mode>('user');
  const [filter, setFilter] = useState<MovieFilter>(DEFAULT_FILTER);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [visitorIds, setVisitorIds] = useState<{ rated: Set<number>; recommended: Set<number> }>();

  const facetsRequest = useMemo(() => () => controller.explorer.movieFacets(), [controller]);
  const facets = useWorkerResult(facetsRequest).value;

  const recommendRequest = useMemo(
    () =>
      mode !== 'user' || selectedUser === null
        ? null
        : () => controller.explorer.recommendFiltered(selectedUser, count, filter),
    [controller, mode, selectedUser, count, filter],
  );
  const ratedRequest = useMemo(
    () =>
      mode !== 'user' || selectedUser === null ? null : () => controller.ratedMovies(selectedUser),
    [controller, mode, selectedUser],
  );
  const recommended = useWorkerResult(recommendRequest);
  const rated = useWorkerRows(ratedRequest);

  const highlight = useMemo(() => {
    if (mode === 'visitor') return visitorIds ?? { rated: EMPTY_IDS, recommended: EMPTY_IDS };
    return {
      rated: new Set(rated.rows?.map((row) => row.movieId) ?? []),
      recommended: new Set(recommended.value?.map((row) => row.movieId) ?? []),
    };
  }, [mode, visitorIds, rated.rows, recommended.value]);

  const showSimilar = (movie: MovieRef) => setDetail({ kind: 'similar', movie });
  const userActions = (explain: boolean) =>
    function renderActions(movie: MovieRef) {
      return (
        <MovieActions
          movie={movie}
          onSimilar={showSimilar}
          onExplain={
            explain && selectedUser !== null
              ? (target) =>
                  setDetail({
                    kind: 'explain',
                    movie: target,
                    target: { kind: 'user', userId: selectedUser },
                  })
              : undefined
          }
        />
      );
    };

  return (
    <div className="explorer">
      <div className="mode-switch" role="group" aria-label="Whose recommendations">
        <button
          type="button"
          aria-pressed={mode === 'user'}
          onClick={() => {
            setMode('user');
            setDetail(null);
          }}
        >
          Data set user
        </button>
        <button
          type="button"
          aria-pressed={mode === 'visitor'}
          onClick={() => {
            setMode('visitor');
            setDetail(null);
          }}
        >
          New visitor
        </button>
      </div>

      <div className="explore-controls">
        {mode === 'user' && <UserPicker selectedUser={selectedUser} />}
        <RecommendationFilters
          facets={facets}
          filter={filter}
          onFilterChange={setFilter}
          count={count}
          onCountChange={onCountChange}
        />
        {!hasMovies && (
          <p className="hint">
            No movies file loaded, so movies show as ids (“Movie 123”). Load <code>movies.dat</code>
            , <code>u.item</code> or <code>movies.csv</code> together with the ratings to see titles
            and genres.
          </p>
        )}
      </div>

      {mode === 'visitor' ? (
        <VisitorView
          datasetName={datasetName}
          facets={facets}
          filter={filter}
          count={count}
          onSimilar={showSimilar}
          onExplain={(movie, ratings) =>
            setDetail({
              kind: 'explain',
              movie,
              target: {
                kind: 'visitor',
                ratings: ratings.map(({ movieId, rating }) => ({ movieId, rating })),
              },
            })
          }
          onShownChange={setVisitorIds}
        />
      ) : selectedUser === null ? (
        <p className="muted">Choose a user to see recommendations.</p>
      ) : (
        <div className="explore-tables">
          <div className="explore-column">
            <h3>
              Top {count} for user {selectedUser}
            </h3>
            {recommended.error !== null && <p className="field-error">{recommended.error}</p>}
            {recommended.value !== null && (
              <RecommendedTable
                rows={recommended.value}
                isStale={recommended.isLoading}
                renderActions={userActions(true)}
              />
            )}
          </div>
          <div className="explore-column">
            <h3>
              Rated by user {selectedUser}
              {rated.rows !== null && !rated.isLoading && (
                <span className="muted"> · {formatCount(rated.rows.length)} movies</span>
              )}
            </h3>
            {rated.error !== null && <p className="field-error">{rated.error}</p>}
            {rated.rows !== null && (
              <RatedTable
                rows={rated.rows}
                isStale={rated.isLoading}
                renderActions={userActions(false)}
              />
            )}
          </div>
        </div>
      )}

      {detail?.kind === 'similar' && (
        <SimilarMovies
          movie={detail.movie}
          onSelect={showSimilar}
          onClose={() => setDetail(null)}
        />
      )}
      {detail?.kind === 'explain' && (
        <ExplanationView
          target={detail.target}
          movie={detail.movie}
          onClose={() => setDetail(null)}
        />
      )}

      <TasteMapView ratedIds={highlight.rated} recommendedIds={highlight.recommended} />
    </div>
  );
}
