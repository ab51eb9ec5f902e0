import { useMemo } from 'react';
import { formatCount } from '../../format';
import { useController, useSessionState } from '../../store/context';
import { RatedTable } from './RatedTable';
import { RecommendedTable } from './RecommendedTable';
import { useWorkerRows } from './use_worker_rows';
import { UserPicker } from './UserPicker';

const COUNT_OPTIONS = [5, 10, 20, 50, 100];

interface ExplorerProps {
  hasMovies: boolean;
  count: number;
  onCountChange: (count: number) => void;
}

/** Renders the user picker and both tables for one model. A new model remounts it. */
export function Explorer({ hasMovies, count, onCountChange }: ExplorerProps) {
  const controller = useController();
  const selectedUser = useSessionState((state) => state.selectedUser);

  const recommendRequest = useMemo(
    () => (selectedUser === null ? null : () => controller.recommend(selectedUser, count)),
    [controller, selectedUser, count],
  );
  const ratedRequest = useMemo(
    () => (selectedUser === null ? null : () => controller.ratedMovies(selectedUser)),
    [controller, selectedUser],
  );
  const recommended = useWorkerRows(recommendRequest);
  const rated = useWorkerRows(ratedRequest);

  return (
    <div className="explorer">
      <div className="explore-controls">
        <UserPicker selectedUser={selectedUser} />
        <div className="field">
          <label htmlFor="explore-count">Top N</label>
          <select
            id="explore-count"
            value={count}
            onChange={(event) => onCountChange(Number(event.currentTarget.value))}
          >
            {COUNT_OPTIONS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        {!hasMovies && (
          <p className="hint">
            No movies file loaded, so movies show as ids (“Movie 123”). Load <code>movies.dat</code>
            , <code>u.item</code> or <code>movies.csv</code> together with the ratings to see titles
            and genres.
          </p>
        )}
      </div>

      {selectedUser === null ? (
        <p className="muted">Choose a user to see recommendations.</p>
      ) : (
        <div className="explore-tables">
          <div className="explore-column">
            <h3>
              Top {count} for user {selectedUser}
            </h3>
            {recommended.error !== null && <p className="field-error">{recommended.error}</p>}
            {recommended.rows !== null && (
              <RecommendedTable rows={recommended.rows} isStale={recommended.isLoading} />
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
            {rated.rows !== null && <RatedTable rows={rated.rows} isStale={rated.isLoading} />}
          </div>
        </div>
      )}
    </div>
  );
}
