import { useMemo, useState } from 'react';

import { Panel } from '../../components/Panel';
import { parseConfigDraft } from '../../config/train_config';
import { useController, useSessionState } from '../../store/context';
import { isRunActive } from '../../store/state';
import { SearchResultsTable } from './SearchResultsTable';
import { useSearch } from './use_search';

const DEFAULT_TRIALS = 5;
const MAX_TRIALS = 200;

/**
 * Hyper-parameter search: trial 1 runs the Train form's settings, later trials draw k,
 * learning rate, L2, bias L2 and decay at random (seeded by the form's seed). Each trial
 * trains on the train part and is scored on validation only; "Train best configuration"
 * retrains the winner on train + validation and tests it once.
 */
export function SearchPanel() {
  const controller = useController();
  const draft = useSessionState((state) => state.configDraft);
  const hasData = useSessionState((state) => state.dataset !== null);
  const runStatus = useSessionState((state) => state.run.status);
  const { config } = useMemo(() => parseConfigDraft(draft), [draft]);
  const { state, start, cancel } = useSearch();
  const [trialsText, setTrialsText] = useState(String(DEFAULT_TRIALS));

  const trials = Number(trialsText);
  const trialsValid = Number.isInteger(trials) && trials >= 1 && trials <= MAX_TRIALS;
  const isSearching = state.status === 'running' || state.status === 'stopping';
  const isTraining = isRunActive(runStatus);
  const canStart = hasData && config !== null && trialsValid && !isSearching && !isTraining;
  const canTrainBest =
    state.status === 'finished' && state.bestTrial !== null && !isSearching && !isTraining;
  const finishedTrials = state.trials.filter((row) => row.result !== null).length;

  return (
    <Panel
      step={8}
      title="Hyper-parameter search"
      regionLabel="Hyper-parameter search"
      aside={hasData ? undefined : 'Load data first.'}
    >
      <p className="muted">
        Trial 1 uses the Train settings; the others draw k, learning rate, L2, bias L2 and decay at
        random from the seed. Trials are scored on the validation ratings only; the test ratings are
        read once, by “Train best configuration”, which retrains the best trial on train +
        validation for its best number of epochs.
      </p>
      <form
        className="train-actions"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (canStart && config !== null) void start(trials, config);
        }}
      >
        <div className="field">
          <label htmlFor="search-trials">Number of trials</label>
          <input
            id="search-trials"
            type="number"
            min={1}
            max={MAX_TRIALS}
            step={1}
            value={trialsText}
            disabled={isSearching}
            aria-invalid={!trialsValid}
            onChange={(event) => setTrialsText(event.currentTarget.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={!canStart}>
          Start search
        </button>
        <button type="button" disabled={state.status !== 'running'} onClick={() => void cancel()}>
          Cancel search
        </button>
        <button type="button" disabled={!canTrainBest} onClick={() => void controller.trainBest()}>
          Train best configuration
        </button>
        {!trialsValid && (
          <span className="field-error">
            Enter a whole number of trials from 1 to {MAX_TRIALS}.
          </span>
        )}
      </form>

      {state.status !== 'idle' && (
        <p aria-live="polite" className="search-status">
          {statusText(state.status, finishedTrials, state.totalTrials, state.cancelled)}
        </p>
      )}
      {state.error !== null && (
        <p role="alert" className="field-error">
          {state.error}
        </p>
      )}
      {state.trials.length > 0 && (
        <SearchResultsTable trials={state.trials} bestTrial={state.bestTrial} />
      )}
    </Panel>
  );
}

function statusText(status: string, finished: number, total: number, cancelled: boolean): string {
  switch (status) {
    case 'running':
      return `Searching: ${finished} of ${total} trials finished.`;
    case 'stopping':
      return `Cancelling after the current epoch (${finished} of ${total} trials finished).`;
    case 'finished':
      return cancelled
        ? `Search cancelled after ${finished} of ${total} trials.`
        : `Search finished: ${finished} trials.`;
    default:
      return 'Search failed.';
  }
}
