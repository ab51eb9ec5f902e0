import { useMemo, useState } from 'react';
import { Panel } from '../../components/Panel';
import { isComparable, nextRunSeq } from '../../runs/run_record';
import { useSessionState } from '../../store/context';
import { RunsTable } from '../runs/RunsTable';
import { ChartToolbar } from './ChartToolbar';
import { EpochTable } from './EpochTable';
import { LOSS_SERIES, MAE_SERIES, RMSE_SERIES, toEpochPoints } from './chart_data';
import { buildChartLines, runColor, type ChartRun, type ChartView } from './chart_runs';
import { MetricChart, type SeriesSpec } from './MetricChart';

const CHARTS: { title: string; series: SeriesSpec[]; logScaleOption: boolean }[] = [
  { title: 'Loss: MSE and L2 term', series: LOSS_SERIES, logScaleOption: true },
  { title: 'MAE', series: MAE_SERIES, logScaleOption: false },
  { title: 'Validation RMSE', series: RMSE_SERIES, logScaleOption: false },
];

/**
 * Step 3: loss, MAE and RMSE per epoch of the live run, redrawn once per frame while
 * `epochEnd` events arrive, with the runs ticked in the runs table drawn beside it.
 */
export function ChartsPanel() {
  const epochs = useSessionState((state) => state.run.epochs);
  const bestEpoch = useSessionState((state) => state.run.report?.bestEpoch ?? null);
  const runs = useSessionState((state) => state.runs);
  const dataset = useSessionState((state) => state.dataset);
  const [view, setView] = useState<ChartView>({ xAxis: 'epoch', smoothing: 0, logScale: false });

  // The store replaces the epochs array at most once per frame, so points are rebuilt as often.
  const livePoints = useMemo(() => toEpochPoints(epochs), [epochs]);

  const chartRuns = useMemo(() => {
    // Runs are listed by run number, so legends read in the order of the runs table.
    const drawn: { seq: number; run: ChartRun }[] = [];
    const liveRecord = runs.records.find((record) => record.id === runs.liveRunId) ?? null;
    const hasLive = livePoints.length > 0;
    if (hasLive) {
      const seq = liveRecord?.seq ?? nextRunSeq(runs.records);
      drawn.push({
        seq,
        run: {
          id: liveRecord?.id ?? 'live',
          name: liveRecord === null ? 'Live run' : `${liveRecord.name} (live)`,
          color: runColor(seq),
          points: livePoints,
        },
      });
    }

    for (const record of runs.records) {
      if (!runs.selectedIds.includes(record.id)) continue;
      if (hasLive && record.id === runs.liveRunId) continue;
      if (!isComparable(record, dataset, runs.allowOtherDatasets)) continue;
      drawn.push({
        seq: record.seq,
        run: {
          id: record.id,
          name: record.name,
          color: runColor(record.seq),
          points: toEpochPoints(record.epochs),
        },
      });
    }
    return drawn.sort((a, b) => a.seq - b.seq).map(({ run }) => run);
  }, [livePoints, runs, dataset]);

  const liveBest = livePoints.find((point) => point.epoch === bestEpoch);
  const bestX =
    liveBest === undefined
      ? null
      : view.xAxis === 'epoch'
        ? liveBest.epoch
        : liveBest.elapsedSeconds;
  const legendRuns = chartRuns.map(({ id, name, color }) => ({ id, name, color }));

  return (
    <Panel step={3} title="Charts" regionLabel="Training charts">
      <ChartToolbar view={view} onChange={setView} />
      <div className="chart-grid">
        {CHARTS.map(({ title, series, logScaleOption }) => (
          <ChartForRuns
            key={title}
            title={title}
            series={series}
            runs={chartRuns}
            legendRuns={legendRuns}
            view={{ ...view, logScale: logScaleOption && view.logScale }}
            livePoints={livePoints.length}
            bestX={bestX}
          />
        ))}
      </div>
      <RunsTable />
      <EpochTable data={livePoints} bestEpoch={bestEpoch} />
    </Panel>
  );
}

interface ChartForRunsProps {
  title: string;
  series: SeriesSpec[];
  runs: ChartRun[];
  legendRuns: { id: string; name: string; color: string }[];
  view: ChartView;
  livePoints: number;
  bestX: number | null;
}

function ChartForRuns({
  title,
  series,
  runs,
  legendRuns,
  view,
  livePoints,
  bestX,
}: ChartForRunsProps) {
  const { xAxis, smoothing, logScale } = view;
  const { rows, lines } = useMemo(
    () => buildChartLines(runs, series, { xAxis, smoothing, logScale }),
    [runs, series, xAxis, smoothing, logScale],
  );

  // A run without a validation part (a retraining on train + validation) has NaN there.
  const hasValue = rows.some((row) =>
    lines.some((line) => Number.isFinite(row[line.dataKey] ?? Number.NaN)),
  );
  return (
    <MetricChart
      title={title}
      rows={hasValue ? rows : []}
      emptyText={
        rows.length > 0 && !hasValue
          ? 'No values: this run has no validation ratings (it trained on train + validation).'
          : undefined
      }
      lines={lines}
      series={series}
      runs={legendRuns}
      livePoints={livePoints}
      xAxis={xAxis}
      bestX={bestX}
      logScale={logScale}
    />
  );
}
