import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatMetric } from '../../format';
import { useController, useSessionState } from '../../store/context';
import type { ErrorViews } from '../../../worker/protocol';
import { useWorkerResult } from '../explore/use_worker_result';

/** Renders the test-set error views of the model trained in this tab. */
export function ErrorViewsSection() {
  const controller = useController();
  const modelVersion = useSessionState((state) => state.modelVersion);
  const request = useMemo(
    // The version is part of the key, so a new model requests its views again.
    () => (modelVersion > 0 ? () => controller.explorer.errorViews() : null),
    [controller, modelVersion],
  );
  const result = useWorkerResult(request);

  if (result.error !== null) return <p className="field-error">{result.error}</p>;
  if (result.value === null) return null;
  return <ErrorCharts views={result.value} />;
}

function ErrorCharts({ views }: { views: ErrorViews }) {
  const scatter = useMemo(
    () =>
      Array.from(views.sample.actual, (actual, index) => ({
        // A little horizontal jitter separates the columns of whole-star ratings.
        actual: actual + (((index * 7919) % 21) - 10) * 0.012,
        predicted: views.sample.predicted[index] as number,
      })),
    [views],
  );
  const histogram = views.errorHistogram.map((bin) => ({
    error: ((bin.from + bin.to) / 2).toFixed(2),
    count: bin.count,
  }));

  return (
    <section className="error-views" aria-label="Error views">
      <h3>Errors on the test set</h3>
      <div className="chart-grid">
        <figure className="metric-chart" data-points={scatter.length}>
          <figcaption>
            Predicted vs actual ({formatCount(scatter.length)} of {formatCount(views.testRatings)}{' '}
            test ratings; line: mean prediction per rating)
          </figcaption>
          <ComposedChart width={340} height={240} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" />
            <XAxis
              type="number"
              dataKey="actual"
              name="Actual"
              domain={['dataMin - 0.5', 'dataMax + 0.5']}
              tickCount={6}
              fontSize={11}
              allowDecimals={false}
            />
            <YAxis
              type="number"
              dataKey="predicted"
              name="Predicted"
              domain={['auto', 'auto']}
              width={36}
              fontSize={11}
            />
            <Tooltip
              cursor={false}
              isAnimationActive={false}
              formatter={(value) => Number(value).toFixed(2)}
            />
            <Scatter
              data={scatter}
              fill="var(--series-1)"
              fillOpacity={0.25}
              shape="circle"
              isAnimationActive={false}
              legendType="none"
            />
            <Line
              data={views.byActual.map((bin) => ({
                actual: bin.actual,
                predicted: bin.meanPredicted,
              }))}
              dataKey="predicted"
              stroke="var(--series-2)"
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          </ComposedChart>
        </figure>
        <figure className="metric-chart" data-points={histogram.length}>
          <figcaption>Error r − r̂ (test ratings per 0.25 bin)</figcaption>
          <BarChart
            width={340}
            height={240}
            data={histogram}
            margin={{ top: 4, right: 8, bottom: 4, left: 0 }}
          >
            <CartesianGrid vertical={false} stroke="var(--grid)" />
            <XAxis dataKey="error" fontSize={11} interval="preserveStartEnd" />
            <YAxis width={44} fontSize={11} />
            <Tooltip
              formatter={(value) => [formatCount(Number(value)), 'Ratings']}
              isAnimationActive={false}
            />
            <Bar dataKey="count" fill="var(--series-1)" isAnimationActive={false} />
          </BarChart>
        </figure>
      </div>
      <h4 className="small-heading">RMSE by the user&apos;s number of training ratings</h4>
      <table className="metrics-table activity-table" aria-label="RMSE by user activity">
        <thead>
          <tr>
            <th scope="col">Training ratings</th>
            <th scope="col" className="num">
              Users
            </th>
            <th scope="col" className="num">
              Test ratings
            </th>
            <th scope="col" className="num">
              RMSE
            </th>
          </tr>
        </thead>
        <tbody>
          {views.byActivity.map((bucket) => (
            <tr key={bucket.label}>
              <th scope="row">{bucket.label}</th>
              <td className="num">{formatCount(bucket.users)}</td>
              <td className="num">{formatCount(bucket.ratings)}</td>
              <td className="num">{formatMetric(bucket.rmse)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
