import { describe, expect, it } from 'vitest';
import { projectPca2d } from './pca';

describe('projectPca2d', () => {
  it('projects a known matrix on its main axes', () => {
    // Points spread 3 along (1, 1, 0)/√2 and 1 along z, around the centre (1, 2, 3):
    // the first component is (1, 1, 0)/√2 with variance 18/4, the second is z with 2/4.
    const offsets = [
      [3, 0],
      [-3, 0],
      [0, 1],
      [0, -1],
    ];
    const matrix = new Float32Array(12);
    offsets.forEach(([along, up], row) => {
      matrix.set(
        [
          1 + (along as number) / Math.SQRT2,
          2 + (along as number) / Math.SQRT2,
          3 + (up as number),
        ],
        row * 3,
      );
    });

    const projection = projectPca2d(matrix, 4, 3);

    expect(Array.from(projection.x).map((value) => Math.round(value * 1e4) / 1e4 + 0)).toEqual([
      3, -3, 0, 0,
    ]);
    expect(Array.from(projection.y).map((value) => Math.round(value * 1e4) / 1e4 + 0)).toEqual([
      0, 0, 1, -1,
    ]);
    expect(projection.explained[0]).toBeCloseTo(0.9, 6);
    expect(projection.explained[1]).toBeCloseTo(0.1, 6);
  });

  it('returns zeros for identical rows', () => {
    const projection = projectPca2d(Float32Array.of(1, 2, 1, 2), 2, 2);
    expect(Array.from(projection.x)).toEqual([0, 0]);
    expect(projection.explained).toEqual([0, 0]);
  });

  it('rejects a length that does not match the shape', () => {
    expect(() => projectPca2d(new Float32Array(5), 2, 3)).toThrow(
      expect.objectContaining({ code: 'invalid-format' }),
    );
  });
});
