import { memo } from 'react';
import { formatMetric, formatSeconds } from '../../format';
import type { EpochPoint } from './MetricChart';

/** Every epoch's numbers, newest first, with the kept epoch marked. */
export const EpochTable = memo(function EpochTable({
  data,
  bestEpoch,
}: {
  data: EpochPoint[];
  bestEpoch: number | null;
}) {
  if (data.length === 0) return null;
  const rows = [...data].reverse();

  return (
    <div className="table-scroll epoch-table">
      <table aria-label="Epoch log">
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col" className="num">
              Train MSE
            </th>
            <th scope="col" className="num">
              L2 term
            </th>
            <th scope="col" className="num">
              Val. MSE
            </th>
            <th scope="col" className="num">
              Train MAE
            </th>
            <th scope="col" className="num">
              Val. MAE
            </th>
            <th scope="col" className="num">
              Val. RMSE
            </th>
            <th scope="col" className="num">
              Seconds
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((point) => (
            <tr key={point.epoch} className={point.epoch === bestEpoch ? 'is-best' : undefined}>
              <td>
                {point.epoch}
                {point.epoch === bestEpoch && <span className="badge">kept</span>}
              </td>
              <td className="num">{formatMetric(point.trainMse)}</td>
              <td className="num">{formatMetric(point.l2)}</td>
              <td className="num">{formatMetric(point.valMse)}</td>
              <td className="num">{formatMetric(point.trainMae)}</td>
              <td className="num">{formatMetric(point.valMae)}</td>
              <td className="num">{formatMetric(point.valRmse)}</td>
              <td className="num">{formatSeconds(point.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
