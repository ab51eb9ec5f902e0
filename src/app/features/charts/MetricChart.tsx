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

/** One row per epoch. Every metric the charts draw is a key of it. */
export interface EpochPoint {
  epoch: number;
  seconds: number;
  trainMse: number;
  l2: number;
  valMse: number;
  trainMae: number;
  valMae: number;
  valRmse: number;
}

export type MetricKey = Exclude<keyof EpochPoint, 'epoch' | 'seconds'>;

export interface SeriesSpec {
  key: MetricKey;
  name: string;
  color: string;
  /** Draws the series against a second y-axis on the right, for a different scale. */
  rightAxis?: boolean;
  dashed?: boolean;
}

interface MetricChartProps {
  title: string;
  data: EpochPoint[];
  series: SeriesSpec[];
  /** Epoch whose weights were kept, marked on the x-axis after training. */
  bestEpoch: number | null;
}

/**
 * A line chart of per-epoch metrics. Pure: data in, SVG out. Animation is off so every point
 * is drawn as soon as its epoch arrives. `data-points` contains the number of points per series.
 */
export const MetricChart = memo(function MetricChart({
  title,
  data,
  series,
  bestEpoch,
}: MetricChartProps) {
  const hasRightAxis = series.some((spec) => spec.rightAxis === true);

  return (
    <figure
      className="metric-chart"
      data-points={data.length}
      data-series={series.map((spec) => spec.key).join(' ')}
    >
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <div className="chart-empty">Points appear as epochs finish.</div>
      ) : (
        <LineChart
          responsive
          style={{ width: '100%', height: 220 }}
          data={data}
          margin={{ top: 8, right: hasRightAxis ? 0 : 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[1, 'dataMax']}
            allowDecimals={false}
            tickLine={false}
            fontSize={11}
          />
          <YAxis
            yAxisId="left"
            width={52}
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
              domain={['auto', 'auto']}
              tickFormatter={formatTick}
              tickLine={false}
              axisLine={false}
              fontSize={11}
            />
          )}
          <Tooltip content={EpochTooltip} isAnimationActive={false} />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          {series.map((spec) => (
            <Line
              key={spec.key}
              yAxisId={spec.rightAxis === true ? 'right' : 'left'}
              dataKey={spec.key}
              name={spec.rightAxis === true ? `${spec.name} (right axis)` : spec.name}
              stroke={spec.color}
              strokeWidth={1.75}
              strokeDasharray={spec.dashed === true ? '4 3' : undefined}
              dot={data.length <= 40 ? { r: 2 } : false}
              isAnimationActive={false}
            />
          ))}
          {bestEpoch !== null && (
            <ReferenceLine
              yAxisId="left"
              x={bestEpoch}
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
    </figure>
  );
});

function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** Tooltip listing each series at the hovered epoch, plus that epoch's wall seconds. */
function EpochTooltip({ active, payload }: TooltipContentProps) {
  if (active !== true || payload === undefined || payload.length === 0) return null;
  const point = payload[0]?.payload as EpochPoint | undefined;
  if (point === undefined) return null;

  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">
        Epoch {point.epoch} · {formatSeconds(point.seconds)}
      </div>
      {payload.map((entry) => (
        <div key={String(entry.dataKey)} className="chart-tooltip-row">
          <span className="swatch" style={{ background: entry.color }} />
          <span>{entry.name}</span>
          <span className="num">{formatMetric(Number(entry.value))}</span>
        </div>
      ))}
    </div>
  );
}
