import { Panel } from '../../components/Panel';
import { RankingTable } from './RankingTable';
import { ErrorViewsSection } from '../errors_view/ErrorViewsSection';
import { formatCount, formatMetric, formatSeconds } from '../../format';
import { useSessionState } from '../../store/context';
import type { RatingMetrics, TestReport } from '../../../worker/protocol';

const REASONS: Record<TestReport['reason'], string> = {
  completed: 'ran all epochs',
  stopped: 'stopped by you',
  'early-stopping': 'early stopping (validation RMSE stopped improving)',
};

/** Step 4: the held-out test ratings scored by the model and by two baselines. */
export function TestMetricsPanel() {
  const report = useSessionState((state) => state.run.report);
  const epochCount = useSessionState((state) => state.run.epochs.length);
  // A retraining on train + validation has no validation part, so every valRmse is NaN.
  const hasValidation = useSessionState((state) =>
    state.run.epochs.some((epoch) => Number.isFinite(epoch.valRmse)),
  );
  if (report === null) {
    // The empty panel keeps the step numbers of the page in sequence.
    return (
      <Panel step={4} title="Test metrics">
        <p className="muted">
          When training ends, the kept epoch is scored once on the held-out test ratings, next to
          two baselines.
        </p>
      </Panel>
    );
  }

  const { test, baselines, unknown } = report;
  // `key` names each row for tests and tools: cells carry data-metric="<key>-<metric>".
  const rows: { key: string; name: string; metrics: RatingMetrics; isModel?: boolean }[] = [
    { key: 'model', name: 'Latent factor model', metrics: test, isModel: true },
    { key: 'biases', name: 'Baseline: biases only (μ + b_u + b_i)', metrics: baselines.biases },
    { key: 'globalMean', name: 'Baseline: global mean (μ)', metrics: baselines.globalMean },
  ];
  const gain = baselines.biases.rmse - test.rmse;

  return (
    <Panel step={4} title="Test metrics" regionLabel="Test metrics">
      <p className="headline-metric">
        Test RMSE {formatMetric(test.rmse)}
        <span className="muted">
          {' '}
          · {gain >= 0 ? `${formatMetric(gain)} below` : `${formatMetric(-gain)} above`} the
          biases-only baseline
        </span>
      </p>

      <table className="metrics-table" aria-label="Test metrics by model">
        <thead>
          <tr>
            <th scope="col">Predictor</th>
            <th scope="col" className="num">
              MAE
            </th>
            <th scope="col" className="num">
              MSE
            </th>
            <th scope="col" className="num">
              RMSE
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, metrics, isModel }) => (
            <tr key={key} className={isModel === true ? 'is-best' : undefined}>
              <th scope="row">{name}</th>
              <td className="num" data-metric={`${key}-mae`}>
                {formatMetric(metrics.mae)}
              </td>
              <td className="num" data-metric={`${key}-mse`}>
                {formatMetric(metrics.mse)}
              </td>
              <td className="num" data-metric={`${key}-rmse`}>
                {formatMetric(metrics.rmse)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.ranking !== undefined && <RankingTable ranking={report.ranking} />}

      <dl className="facts facts-inline">
        <dt>Kept weights</dt>
        <dd>
          epoch {report.bestEpoch} of {epochCount}{' '}
          {hasValidation
            ? '(best validation RMSE)'
            : '(the last one: this run had no validation ratings to choose by)'}
          {report.reason !== 'completed' && report.bestEpoch < epochCount
            ? '; later epochs were discarded'
            : ''}
        </dd>
        <dt>Training ended</dt>
        <dd>{REASONS[report.reason]}</dd>
        <dt>Unknown in test</dt>
        <dd>
          {formatCount(unknown.users)} ratings by users and {formatCount(unknown.items)} ratings of
          movies with no training rating (predicted by the fallback rule)
        </dd>
        <dt>Training time</dt>
        <dd>{formatSeconds(report.seconds)}</dd>
      </dl>
      <ErrorViewsSection />
    </Panel>
  );
}
