import { useMemo } from 'react';
import { Panel } from '../../components/Panel';
import { useSessionState } from '../../store/context';
import { EpochTable } from './EpochTable';
import { LOSS_SERIES, MAE_SERIES, RMSE_SERIES, toEpochPoints } from './chart_data';
import { MetricChart } from './MetricChart';

/** Step 3: loss, MAE and RMSE per epoch, redrawn once per frame while `epochEnd` events arrive. */
export function ChartsPanel() {
  const epochs = useSessionState((state) => state.run.epochs);
  const bestEpoch = useSessionState((state) => state.run.report?.bestEpoch ?? null);

  // The store replaces the epochs array at most once per frame, so points are rebuilt as often.
  const data = useMemo(() => toEpochPoints(epochs), [epochs]);

  return (
    <Panel step={3} title="Charts" regionLabel="Training charts">
      <div className="chart-grid">
        <MetricChart
          title="Loss: MSE and L2 term"
          data={data}
          series={LOSS_SERIES}
          bestEpoch={bestEpoch}
        />
        <MetricChart title="MAE" data={data} series={MAE_SERIES} bestEpoch={bestEpoch} />
        <MetricChart
          title="Validation RMSE"
          data={data}
          series={RMSE_SERIES}
          bestEpoch={bestEpoch}
        />
      </div>
      <EpochTable data={data} bestEpoch={bestEpoch} />
    </Panel>
  );
}
