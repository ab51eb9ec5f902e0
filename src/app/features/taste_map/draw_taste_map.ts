import { starCorners, type PixelPoints, type PlotArea } from './map_geometry';

/** Radius of a genre point and of a rated ring: a circle of area 64 px², as Recharts drew it. */
export const POINT_RADIUS_PX = Math.sqrt(64 / Math.PI);

/** Outer and inner radius of a recommended star, as d3's `symbolStar` draws area 64 px². */
const STAR_OUTER_PX = Math.sqrt(64 * 0.8908130915292852);
const STAR_INNER_PX = STAR_OUTER_PX * (Math.sin(Math.PI / 10) / Math.sin((7 * Math.PI) / 10));

const POINT_OPACITY = 0.55;
/** Inner grid lines per axis. The plot's four edges are drawn as well. */
const GRID_LINES = 4;

/** Colours read from the page's CSS variables, so the map follows the light or dark theme. */
export interface MapTheme {
  grid: string;
  text: string;
  muted: string;
  recommended: string;
}

/** Contents of one drawing. Point indices refer to `pixels` and `colours`. */
export interface MapDrawing {
  area: PlotArea;
  pixels: PixelPoints;
  /** Fill colour of each point. */
  colours: string[];
  rated: number[];
  recommended: number[];
}

/** Reads the map's colours from the CSS variables in effect at `element`. */
export function readTheme(element: Element): MapTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    grid: read('--grid', '#e9ecf0'),
    text: read('--text', '#1b1f24'),
    muted: read('--muted', '#5f6b7a'),
    recommended: read('--series-2', '#d9480f'),
  };
}

/**
 * Draws the grid, the axis names, every point in order and the highlights on top: rated
 * movies as rings, recommended movies as stars. `context` must already be scaled to CSS
 * pixels. Returns the number of points drawn, which leaves out points without a finite
 * position.
 */
export function drawTasteMap(
  context: CanvasRenderingContext2D,
  size: { width: number; height: number },
  drawing: MapDrawing,
  theme: MapTheme,
): number {
  const { area, pixels, colours } = drawing;
  context.clearRect(0, 0, size.width, size.height);
  drawGrid(context, area, theme);

  // One fill per point, so that overlapping translucent points darken as in an SVG scatter.
  // A path of many circles would fill their union once.
  let drawn = 0;
  context.globalAlpha = POINT_OPACITY;
  colours.forEach((colour, index) => {
    if (!Number.isFinite(pixels.x[index]) || !Number.isFinite(pixels.y[index])) return;
    context.beginPath();
    addCircle(context, pixels, index, POINT_RADIUS_PX);
    context.fillStyle = colour;
    context.fill();
    drawn++;
  });
  context.globalAlpha = 1;

  context.beginPath();
  for (const index of drawing.rated) addCircle(context, pixels, index, POINT_RADIUS_PX);
  context.lineWidth = 1.5;
  context.strokeStyle = theme.text;
  context.stroke();

  context.beginPath();
  for (const index of drawing.recommended) addStar(context, pixels, index);
  context.fillStyle = theme.recommended;
  context.fill();
  context.lineWidth = 1;
  context.stroke();
  return drawn;
}

function drawGrid(context: CanvasRenderingContext2D, area: PlotArea, theme: MapTheme): void {
  context.beginPath();
  for (let line = 0; line <= GRID_LINES + 1; line++) {
    const x = Math.round(area.left + (area.width * line) / (GRID_LINES + 1)) + 0.5;
    const y = Math.round(area.top + (area.height * line) / (GRID_LINES + 1)) + 0.5;
    context.moveTo(x, area.top);
    context.lineTo(x, area.top + area.height);
    context.moveTo(area.left, y);
    context.lineTo(area.left + area.width, y);
  }
  context.lineWidth = 1;
  context.strokeStyle = theme.grid;
  context.stroke();

  context.fillStyle = theme.muted;
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'right';
  context.textBaseline = 'bottom';
  context.fillText('PC 1', area.left + area.width - 4, area.top + area.height - 4);
  context.save();
  context.translate(area.left - 6, area.top + area.height / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.textBaseline = 'bottom';
  context.fillText('PC 2', 0, 0);
  context.restore();
}

function addCircle(
  context: CanvasRenderingContext2D,
  pixels: PixelPoints,
  index: number,
  radius: number,
): void {
  const x = pixels.x[index] as number;
  const y = pixels.y[index] as number;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  context.moveTo(x + radius, y);
  context.arc(x, y, radius, 0, 2 * Math.PI);
}

function addStar(context: CanvasRenderingContext2D, pixels: PixelPoints, index: number): void {
  const x = pixels.x[index] as number;
  const y = pixels.y[index] as number;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  starCorners(x, y, STAR_OUTER_PX, STAR_INNER_PX).forEach(([cornerX, cornerY], corner) => {
    if (corner === 0) context.moveTo(cornerX as number, cornerY as number);
    else context.lineTo(cornerX as number, cornerY as number);
  });
  context.closePath();
}
