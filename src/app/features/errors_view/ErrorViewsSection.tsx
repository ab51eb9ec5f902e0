import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip,
  useXAxisScale,
  useYAxisScale,
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
  const meanLine = views.byActual.map((bin) => ({
    actual: bin.actual,
    predicted: bin.meanPredicted,
  }));
  const domains = scatterDomains(scatter, meanLine);
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
              domain={domains.actual}
              tickCount={6}
              fontSize={11}
              allowDecimals={false}
            />
            <YAxis
              type="number"
              dataKey="predicted"
              name="Predicted"
              domain={domains.predicted}
              tickCount={domains.predicted[1] - domains.predicted[0] + 1}
              width={36}
              fontSize={11}
            />
            <Tooltip
              cursor={false}
              isAnimationActive={false}
              formatter={(value) => Number(value).toFixed(2)}
            />
            <ScatterPoints points={scatter} />
            <Line
              data={meanLine}
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

interface ScatterPoint {
  actual: number;
  predicted: number;
}

/**
 * Axis domains that contain every sampled point and the mean line: actual ratings with half a
 * star on each side, predictions rounded out to whole stars. The chart sets them itself,
 * because the sampled points are drawn by `ScatterPoints`, which Recharts does not see.
 */
function scatterDomains(
  scatter: ScatterPoint[],
  line: ScatterPoint[],
): { actual: [number, number]; predicted: [number, number] } {
  let actualMin = Infinity;
  let actualMax = -Infinity;
  let predictedMin = Infinity;
  let predictedMax = -Infinity;
  for (const point of [...scatter, ...line]) {
    actualMin = Math.min(actualMin, point.actual);
    actualMax = Math.max(actualMax, point.actual);
    predictedMin = Math.min(predictedMin, point.predicted);
    predictedMax = Math.max(predictedMax, point.predicted);
  }

  if (actualMin > actualMax) return { actual: [0, 1], predicted: [0, 1] };
  return {
    actual: [actualMin - 0.5, actualMax + 0.5],
    predicted: [Math.floor(predictedMin), Math.max(Math.ceil(predictedMax), predictedMin + 1)],
  };
}

/** Radius of a sampled point: a circle of area 64 px², as Recharts' `Scatter` drew it. */
const SCATTER_RADIUS_PX = Math.sqrt(64 / Math.PI);

/**
 * Draws the sampled (actual, predicted) pairs as plain SVG circles with the chart's axis
 * scales. A Recharts `Scatter` of the 1,500 points took about 0.3 s to mount on a 2-vCPU VM,
 * in the same moments as the test metrics. Each point is its own element, so overlapping
 * points darken as before, but the points have no tooltip.
 */
function ScatterPoints({ points }: { points: ScatterPoint[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (xScale === undefined || yScale === undefined) return null;

  return (
    <g className="error-scatter" fill="var(--series-1)" fillOpacity={0.25} pointerEvents="none">
      {points.map((point, index) => (
        <circle
          key={index}
          cx={xScale(point.actual)}
          cy={yScale(point.predicted)}
          r={SCATTER_RADIUS_PX}
        />
      ))}
    </g>
  );
}
