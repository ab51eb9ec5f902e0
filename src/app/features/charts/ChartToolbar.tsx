import type { ChartView, XAxisMode } from './chart_runs';

/** Chart settings: EMA smoothing, log scale for the loss, and the x-axis unit. */
export function ChartToolbar({
  view,
  onChange,
}: {
  view: ChartView;
  onChange: (view: ChartView) => void;
}) {
  return (
    <div className="chart-toolbar">
      <label className="inline-field">
        Smoothing
        <input
          type="range"
          min={0}
          max={0.95}
          step={0.05}
          value={view.smoothing}
          onChange={(event) => onChange({ ...view, smoothing: Number(event.currentTarget.value) })}
        />
        {/* A span, not <output>: that element has role status, and the page keeps one status line. */}
        <span className="num">{view.smoothing.toFixed(2)}</span>
      </label>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={view.logScale}
          onChange={(event) => onChange({ ...view, logScale: event.currentTarget.checked })}
        />
        Log scale for the loss
      </label>
      <label className="inline-field">
        X-axis
        <select
          value={view.xAxis}
          onChange={(event) => onChange({ ...view, xAxis: event.currentTarget.value as XAxisMode })}
        >
          <option value="epoch">Epochs</option>
          <option value="seconds">Seconds</option>
        </select>
      </label>
    </div>
  );
}
