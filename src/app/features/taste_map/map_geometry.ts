/** Pixel geometry of the taste map canvas: scales, hit testing and mark shapes. */

/** The rectangle the points are drawn in, in CSS pixels from the canvas's top left corner. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Pixel positions of the points, in the order of the input arrays. */
export interface PixelPoints {
  x: Float32Array;
  y: Float32Array;
}

/**
 * Returns [min, max] of `values` widened by `padding` times the range on each side, so that
 * the outermost marks are not cut by the plot's edge. A single value or equal values get
 * [value - 1, value + 1], and no values get [-1, 1].
 */
export function paddedExtent(values: ArrayLike<number>, padding: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (!Number.isFinite(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  if (min > max) return [-1, 1];
  if (min === max) return [min - 1, max + 1];
  const margin = (max - min) * padding;
  return [min - margin, max + margin];
}

/**
 * Maps data coordinates to pixels in `area`: the x extent to left..right and the y extent to
 * bottom..top, because y grows downwards on a canvas. Each extent is `paddedExtent` with
 * `padding`. A non-finite coordinate maps to NaN, which draws nothing and is never hit.
 */
export function toPixels(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  area: PlotArea,
  padding: number,
): PixelPoints {
  const [xMin, xMax] = paddedExtent(xs, padding);
  const [yMin, yMax] = paddedExtent(ys, padding);
  const xScale = area.width / (xMax - xMin);
  const yScale = area.height / (yMax - yMin);

  const x = new Float32Array(xs.length);
  const y = new Float32Array(ys.length);
  for (let index = 0; index < xs.length; index++) {
    const dataX = xs[index] as number;
    const dataY = ys[index] as number;
    x[index] = Number.isFinite(dataX) ? area.left + (dataX - xMin) * xScale : NaN;
    y[index] = Number.isFinite(dataY) ? area.top + area.height - (dataY - yMin) * yScale : NaN;
  }
  return { x, y };
}

/**
 * Returns the index of the point nearest to (x, y) within `maxDistance` pixels, or -1 when
 * none is that close. On a tie the later point wins, because it is drawn on top.
 */
export function nearestPoint(
  points: PixelPoints,
  x: number,
  y: number,
  maxDistance: number,
): number {
  let best = -1;
  let bestSquared = maxDistance * maxDistance;
  for (let index = 0; index < points.x.length; index++) {
    const dx = (points.x[index] as number) - x;
    const dy = (points.y[index] as number) - y;
    const squared = dx * dx + dy * dy;
    if (squared <= bestSquared) {
      best = index;
      bestSquared = squared;
    }
  }
  return best;
}

/**
 * Returns the 10 corners of a five-pointed star centred on (x, y), first point up, with outer
 * radius `outer` and inner radius `inner`, in drawing order.
 */
export function starCorners(x: number, y: number, outer: number, inner: number): number[][] {
  const corners: number[][] = [];
  for (let corner = 0; corner < 10; corner++) {
    const angle = (corner * Math.PI) / 5;
    const radius = corner % 2 === 0 ? outer : inner;
    corners.push([x + radius * Math.sin(angle), y - radius * Math.cos(angle)]);
  }
  return corners;
}
