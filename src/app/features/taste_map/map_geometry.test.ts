import { describe, expect, it } from 'vitest';
import { nearestPoint, paddedExtent, starCorners, toPixels } from './map_geometry';

describe('paddedExtent', () => {
  it('widens the range by the padding on both sides', () => {
    const [min, max] = paddedExtent([2, 4, 3], 0.1);
    expect(min).toBeCloseTo(1.8, 12);
    expect(max).toBeCloseTo(4.2, 12);
  });

  it.each([
    { name: 'equal values', values: [5, 5], expected: [4, 6] },
    { name: 'no values', values: [], expected: [-1, 1] },
    { name: 'only NaN', values: [NaN], expected: [-1, 1] },
    { name: 'NaN among values', values: [NaN, 1, 3], expected: [1, 3] },
  ])('handles $name', ({ values, expected }) => {
    expect(paddedExtent(values, 0)).toEqual(expected);
  });
});

describe('toPixels', () => {
  const area = { left: 10, top: 20, width: 100, height: 50 };

  it('maps the extent to the plot edges with y upwards', () => {
    const pixels = toPixels([0, 1, 0.5], [0, 1, 0.5], area, 0);
    expect(Array.from(pixels.x)).toEqual([10, 110, 60]);
    expect(Array.from(pixels.y)).toEqual([70, 20, 45]);
  });

  it('keeps padded points inside the area', () => {
    const pixels = toPixels([0, 1], [0, 1], area, 0.05);
    for (const x of pixels.x) {
      expect(x).toBeGreaterThan(10);
      expect(x).toBeLessThan(110);
    }
    for (const y of pixels.y) {
      expect(y).toBeGreaterThan(20);
      expect(y).toBeLessThan(70);
    }
  });

  it('maps a non-finite coordinate to NaN', () => {
    const pixels = toPixels([0, NaN, 1], [0, 1, Infinity], area, 0);
    expect(pixels.x[1]).toBeNaN();
    expect(pixels.y[2]).toBeNaN();
    expect(pixels.x[0]).toBe(10);
  });
});

describe('nearestPoint', () => {
  const points = { x: Float32Array.of(0, 10, 10), y: Float32Array.of(0, 0, 0) };

  it('returns the closest point within the distance', () => {
    expect(nearestPoint(points, 1, 1, 5)).toBe(0);
  });

  it('returns -1 when no point is close enough', () => {
    expect(nearestPoint(points, 5, 5, 3)).toBe(-1);
  });

  it('prefers the later of two points at the same place', () => {
    expect(nearestPoint(points, 10, 0, 5)).toBe(2);
  });

  it('never hits a NaN position', () => {
    const unplaced = { x: Float32Array.of(NaN), y: Float32Array.of(NaN) };
    expect(nearestPoint(unplaced, 0, 0, 1000)).toBe(-1);
  });
});

describe('starCorners', () => {
  it('alternates outer and inner corners, first point up', () => {
    const corners = starCorners(0, 0, 4, 2);
    expect(corners).toHaveLength(10);
    expect(corners[0]?.[0]).toBeCloseTo(0, 12);
    expect(corners[0]?.[1]).toBeCloseTo(-4, 12);
    for (const [index, corner] of corners.entries()) {
      expect(Math.hypot(corner[0] ?? NaN, corner[1] ?? NaN)).toBeCloseTo(
        index % 2 === 0 ? 4 : 2,
        12,
      );
    }
  });
});
