import type { EpochPoint, MetricKey, SeriesSpec } from './MetricChart';
import { smoothEma } from './smoothing';

/** One run the charts draw: the live one or a recorded one picked for comparison. */
export interface ChartRun {
  id: string;
  name: string;
  color: string;
  points: EpochPoint[];
}

export type XAxisMode = 'epoch' | 'seconds';

export interface ChartView {
  xAxis: XAxisMode;
  /** Weight of the exponential moving average, in [0, 1); 0 draws the raw values. */
  smoothing: number;
  /** Draws the y values on a log scale, which leaves out values at or below zero. */
  logScale: boolean;
}

/** One drawn line: a metric of one run, under the key it has in the chart rows. */
export interface ChartLine {
  dataKey: string;
  name: string;
  color: string;
  /** SVG `stroke-dasharray`, or undefined for a solid line. */
  dash: string | undefined;
  rightAxis: boolean;
}

/** One x position with the values of every line that has a point there. */
export type ChartRow = { x: number } & Record<string, number | undefined>;

/** Dash patterns that mark the metric when colour marks the run. */
export const COMPARE_DASHES: (string | undefined)[] = [undefined, '6 3', '1 3'];

/**
 * Lays out runs and metrics as Recharts rows and lines. With one run each metric keeps its
 * own colour from `series`; with several, colour marks the run and the dash marks the metric.
 * Rows are merged by x, so in seconds mode most rows hold only one run's values and lines
 * must connect across the gaps.
 */
export function buildChartLines(
  runs: readonly ChartRun[],
  series: readonly SeriesSpec[],
  view: ChartView,
): { rows: ChartRow[]; lines: ChartLine[] } {
  const compare = runs.length > 1;
  const lines: ChartLine[] = [];
  const rowsByX = new Map<number, ChartRow>();

  runs.forEach((run, runIndex) => {
    const xs = run.points.map((point) =>
      view.xAxis === 'epoch' ? point.epoch : point.elapsedSeconds,
    );

    series.forEach((spec, seriesIndex) => {
      const dataKey = `r${runIndex}_${spec.key}`;
      const axisNote = spec.rightAxis === true ? ' (right axis)' : '';
      lines.push({
        dataKey,
        name: compare ? `${run.name} · ${spec.name}${axisNote}` : `${spec.name}${axisNote}`,
        color: compare ? run.color : spec.color,
        dash: lineDash(compare, seriesIndex, spec),
        rightAxis: spec.rightAxis === true,
      });

      const values = smoothEma(metricValues(run.points, spec.key), view.smoothing);
      values.forEach((value, index) => {
        const x = xs[index] as number;
        const row = rowsByX.get(x) ?? { x };
        row[dataKey] = view.logScale && !(value > 0) ? undefined : value;
        rowsByX.set(x, row);
      });
    });
  });

  const rows = [...rowsByX.values()].sort((a, b) => a.x - b.x);
  return { rows, lines };
}

function lineDash(compare: boolean, seriesIndex: number, spec: SeriesSpec): string | undefined {
  if (compare) return COMPARE_DASHES[seriesIndex];
  return spec.dashed === true ? '4 3' : undefined;
}

function metricValues(points: readonly EpochPoint[], key: MetricKey): number[] {
  return points.map((point) => point[key]);
}

/** Run colours, indexed by the run's `seq` so a run keeps its colour while others come and go. */
const RUN_COLORS = 8;

export function runColor(seq: number): string {
  return `var(--run-${((seq - 1) % RUN_COLORS) + 1})`;
}
