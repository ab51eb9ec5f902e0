import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { formatMetric, formatSeconds } from '../../format';
import { COMPARE_DASHES, type ChartLine, type ChartRow, type XAxisMode } from './chart_runs';

/** One row per epoch. Every metric the charts draw is a key of it. */
export interface EpochPoint {
  epoch: number;
  /** Wall seconds of this epoch. */
  seconds: number;
  /** Wall seconds from the start of the first epoch to the end of this one. */
  elapsedSeconds: number;
  trainMse: number;
  l2: number;
  valMse: number;
  trainMae: number;
  valMae: number;
  valRmse: number;
}

export type MetricKey = Exclude<keyof EpochPoint, 'epoch' | 'seconds' | 'elapsedSeconds'>;

export interface SeriesSpec {
  key: MetricKey;
  name: string;
  color: string;
  /** Draws the series against a second y-axis on the right, for a different scale. */
  rightAxis?: boolean;
  dashed?: boolean;
}

/** A run in the legend of a chart that compares runs. */
export interface LegendRun {
  id: string;
  name: string;
  color: string;
}

interface MetricChartProps {
  title: string;
  rows: ChartRow[];
  lines: ChartLine[];
  /** The metrics drawn, named in `data-series`. */
  series: SeriesSpec[];
  /** Runs drawn; with more than one, the legend lists runs and the line style of each metric. */
  runs: LegendRun[];
  /** Points per series of the live run, the `data-points` attribute. */
  livePoints: number;
  xAxis: XAxisMode;
  /** X position of the live run's kept epoch, marked on the chart, or null. */
  bestX: number | null;
  logScale: boolean;
  /** Shown instead of the chart when `rows` is empty; a default when left out. */
  emptyText?: string;
}

/**
 * A line chart of per-epoch metrics of one or more runs. Pure: data in, SVG out. Animation
 * is off so every point is drawn as soon as its epoch arrives. `data-points` contains the
 * number of points per series of the live run, and `data-series-count` the number of runs drawn.
 */
export const MetricChart = memo(function MetricChart({
  title,
  rows,
  lines,
  series,
  runs,
  livePoints,
  xAxis,
  bestX,
  logScale,
  emptyText = 'Points appear as epochs finish.',
}: MetricChartProps) {
  const hasRightAxis = lines.some((line) => line.rightAxis);
  const compare = runs.length > 1;
  const yScale = logScale ? 'log' : 'auto';

  return (
    <figure
      className="metric-chart"
      data-points={livePoints}
      data-series={series.map((spec) => spec.key).join(' ')}
      data-series-count={runs.length}
    >
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <div className="chart-empty">{emptyText}</div>
      ) : (
        <LineChart
          responsive
          style={{ width: '100%', height: 220 }}
          data={rows}
          margin={{ top: 8, right: hasRightAxis ? 0 : 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={xAxis === 'epoch' ? [1, 'dataMax'] : [0, 'dataMax']}
            allowDecimals={xAxis === 'seconds'}
            tickFormatter={xAxis === 'seconds' ? formatSecondsTick : undefined}
            tickLine={false}
            fontSize={11}
          />
          <YAxis
            yAxisId="left"
            width={52}
            scale={yScale}
            domain={['auto', 'auto']}
            tickFormatter={formatTick}
            tickLine={false}
            axisLine={false}
            fontSize={11}
          />
          {hasRightAxis && (
            <YAxis
              yAxisId="right"
              orientation="right"
              width={52}
              scale={yScale}
              domain={['auto', 'auto']}
              tickFormatter={formatTick}
              tickLine={false}
              axisLine={false}
              fontSize={11}
            />
          )}
          <Tooltip
            content={(props: TooltipContentProps) => <ChartTooltip {...props} xAxis={xAxis} />}
            isAnimationActive={false}
          />
          {!compare && <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />}
          {lines.map((line) => (
            <Line
              key={line.dataKey}
              yAxisId={line.rightAxis ? 'right' : 'left'}
              dataKey={line.dataKey}
              name={line.name}
              stroke={line.color}
              strokeWidth={1.75}
              strokeDasharray={line.dash}
              dot={rows.length <= 40 && !compare ? { r: 2 } : false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          {bestX !== null && (
            <ReferenceLine
              yAxisId="left"
              x={bestX}
              stroke="var(--muted)"
              strokeDasharray="2 3"
              label={{
                value: 'kept',
                position: 'insideTopRight',
                fontSize: 10,
                fill: 'var(--muted)',
              }}
            />
          )}
        </LineChart>
      )}
      {compare && rows.length > 0 && <CompareLegend runs={runs} series={series} />}
    </figure>
  );
});

/** Legend for several runs: one entry per run in its colour, then one per metric in its dash. */
function CompareLegend({ runs, series }: { runs: LegendRun[]; series: SeriesSpec[] }) {
  return (
    <div className="chart-legend">
      <ul aria-label={`Runs in the chart`}>
        {runs.map((run) => (
          <li key={run.id}>
            <span className="swatch" style={{ background: run.color }} />
            {run.name}
          </li>
        ))}
      </ul>
      <ul aria-label="Line styles">
        {series.map((spec, index) => (
          <li key={spec.key}>
            <svg width="22" height="6" aria-hidden="true">
              <line
                x1="0"
                y1="3"
                x2="22"
                y2="3"
                stroke="currentColor"
                strokeWidth="1.75"
                strokeDasharray={COMPARE_DASHES[index]}
              />
            </svg>
            {spec.name}
            {spec.rightAxis === true ? ' (right axis)' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function formatSecondsTick(value: number): string {
  return `${formatTick(value)} s`;
}

/** Tooltip listing each line that has a value at the hovered x, in the x-axis's unit. */
function ChartTooltip({ active, payload, xAxis }: TooltipContentProps & { xAxis: XAxisMode }) {
  if (active !== true || payload === undefined || payload.length === 0) return null;
  const row = payload[0]?.payload as ChartRow | undefined;
  if (row === undefined) return null;
  const entries = payload.filter((entry) => typeof entry.value === 'number');

  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">
        {xAxis === 'epoch' ? `Epoch ${row.x}` : `${formatSeconds(row.x)} elapsed`}
      </div>
      {entries.map((entry) => (
        <div key={String(entry.dataKey)} className="chart-tooltip-row">
          <span className="swatch" style={{ background: entry.color }} />
          <span>{entry.name}</span>
          <span className="num">{formatMetric(Number(entry.value))}</span>
        </div>
      ))}
    </div>
  );
}
