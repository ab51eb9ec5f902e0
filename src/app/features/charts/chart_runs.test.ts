import { describe, expect, it } from 'vitest';
import { LOSS_SERIES, RMSE_SERIES, toEpochPoints } from './chart_data';
import { buildChartLines, runColor, type ChartRun } from './chart_runs';
import { makeEpochs } from '../../runs/test_support';

function run(id: string, epochs: number, startRmse = 1.2): ChartRun {
  return {
    id,
    name: id,
    color: `color-${id}`,
    points: toEpochPoints(makeEpochs(epochs, startRmse)),
  };
}

const RAW = { xAxis: 'epoch', smoothing: 0, logScale: false } as const;

describe('buildChartLines', () => {
  it('keeps metric colours and names for a single run', () => {
    const { lines } = buildChartLines([run('a', 3)], LOSS_SERIES, RAW);
    expect(lines.map((line) => line.color)).toEqual(LOSS_SERIES.map((spec) => spec.color));
    expect(lines.map((line) => line.name)).toEqual([
      'Train MSE',
      'Validation MSE',
      'L2 term (right axis)',
    ]);
  });

  it('colours by run and names the run when comparing', () => {
    const { lines } = buildChartLines([run('a', 3), run('b', 2)], RMSE_SERIES, RAW);
    expect(lines.map((line) => [line.name, line.color])).toEqual([
      ['a · Validation RMSE', 'color-a'],
      ['b · Validation RMSE', 'color-b'],
    ]);
  });

  it('merges runs into one row per epoch', () => {
    const { rows } = buildChartLines([run('a', 3), run('b', 2, 2)], RMSE_SERIES, RAW);
    expect(rows.map((row) => row.x)).toEqual([1, 2, 3]);
    expect(rows[2]?.r1_valRmse).toBeUndefined();
    expect(rows[0]?.r1_valRmse).toBe(2);
  });

  it('places points at elapsed seconds on the seconds axis', () => {
    const { rows } = buildChartLines([run('a', 3)], RMSE_SERIES, { ...RAW, xAxis: 'seconds' });
    expect(rows.map((row) => row.x)).toEqual([2, 4, 6]);
  });

  it('leaves out values at or below zero on a log scale', () => {
    const points = toEpochPoints(makeEpochs(2)).map((point) => ({ ...point, l2: 0 }));
    const { rows } = buildChartLines([{ id: 'a', name: 'a', color: 'c', points }], LOSS_SERIES, {
      ...RAW,
      logScale: true,
    });
    expect(rows[0]?.r0_l2).toBeUndefined();
    expect(rows[0]?.r0_trainMse).toBe(1);
  });

  it('smooths each line', () => {
    const { rows } = buildChartLines([run('a', 3)], RMSE_SERIES, { ...RAW, smoothing: 0.5 });
    expect(rows[0]?.r0_valRmse).toBeCloseTo(1.2, 12);
    expect(rows[1]?.r0_valRmse).toBeGreaterThan(1.1);
  });
});

describe('runColor', () => {
  it('cycles through eight colours by run number', () => {
    expect(runColor(1)).toBe('var(--run-1)');
    expect(runColor(8)).toBe('var(--run-8)');
    expect(runColor(9)).toBe('var(--run-1)');
  });
});
