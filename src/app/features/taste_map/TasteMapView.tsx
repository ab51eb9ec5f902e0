import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import { formatCount } from '../../format';
import { useController } from '../../store/context';
import { useWorkerResult } from '../explore/use_worker_result';
import { drawTasteMap, POINT_RADIUS_PX, readTheme } from './draw_taste_map';
import { nearestPoint, toPixels, type PlotArea } from './map_geometry';
import { groupByGenre, type MapPoint } from './taste_map_data';

/**
 * Maximum number of movies on the map, the most-rated first. The cap keeps the map readable
 * and the worker's reply small.
 */
export const MAX_MAP_POINTS = 2000;

const WIDTH_PX = 760;
const HEIGHT_PX = 460;
/** The plot inside the canvas. The left margin leaves room for the "PC 2" label. */
const PLOT_AREA: PlotArea = { left: 24, top: 8, width: WIDTH_PX - 32, height: HEIGHT_PX - 16 };
/** Share of the data range left empty on each side, so edge points are not cut. */
const PADDING = 0.04;
/** The pointer shows a movie's tooltip within this many pixels of the point's centre. */
const HOVER_RADIUS_PX = POINT_RADIUS_PX + 3;

interface TasteMapViewProps {
  /** Movies the selected user (or the visitor) rated, drawn as rings. */
  ratedIds: ReadonlySet<number>;
  /** Movies recommended to them, drawn as filled stars. */
  recommendedIds: ReadonlySet<number>;
}

/**
 * Renders a 2-D PCA projection of the movie embeddings, coloured by first genre, on a canvas.
 * Recharts drew the same 2,000 points as SVG in about 1 s on a 2-vCPU VM, which delayed the
 * test metrics when training ended. `data-drawn-points`, `data-rated` and `data-recommended`
 * on the canvas count what the last drawing showed.
 */
export function TasteMapView({ ratedIds, recommendedIds }: TasteMapViewProps) {
  const controller = useController();
  const request = useMemo(() => () => controller.explorer.tasteMap(MAX_MAP_POINTS), [controller]);
  const result = useWorkerResult(request);
  const map = result.value;
  const descriptionId = useId();

  const series = useMemo(() => (map === null ? [] : groupByGenre(map)), [map]);
  // The points in drawing order: series by series, so later genres are drawn on top.
  const layout = useMemo(() => {
    const points = series.flatMap((group) => group.points);
    const colours = series.flatMap((group) => group.points.map(() => group.colour));
    const pixels = toPixels(
      points.map((point) => point.x),
      points.map((point) => point.y),
      PLOT_AREA,
      PADDING,
    );
    return { points, colours, pixels };
  }, [series]);
  const highlighted = useMemo(() => {
    const rated: number[] = [];
    const recommended: number[] = [];
    layout.points.forEach((point, index) => {
      if (recommendedIds.has(point.movieId)) recommended.push(index);
      else if (ratedIds.has(point.movieId)) rated.push(index);
    });
    return { rated, recommended };
  }, [layout, ratedIds, recommendedIds]);

  if (result.error !== null) return <p className="field-error">{result.error}</p>;
  if (map === null) return <p className="muted">Projecting the movie embeddings…</p>;

  const offMap =
    ratedIds.size + recommendedIds.size - highlighted.rated.length - highlighted.recommended.length;
  return (
    <figure className="taste-map" data-points={map.shown} aria-label="Taste map">
      <figcaption>
        Taste map: movie embeddings projected on their first two principal components (
        {(map.explained[0] * 100).toFixed(0)}% and {(map.explained[1] * 100).toFixed(0)}% of the
        variance).{' '}
        {map.shown < map.total
          ? `Showing the ${formatCount(map.shown)} most-rated of the ${formatCount(map.total)} movies with training ratings.`
          : `All ${formatCount(map.total)} movies with training ratings.`}
        {offMap > 0 && ` ${formatCount(offMap)} highlighted movies are not among them.`}
      </figcaption>
      <MapCanvas
        layout={layout}
        rated={highlighted.rated}
        recommended={highlighted.recommended}
        descriptionId={descriptionId}
      />
      <ul className="taste-map-legend" aria-label="Taste map legend">
        {series.map((group) => (
          <li key={group.genre}>
            <svg width="10" height="10" aria-hidden="true">
              <circle cx="5" cy="5" r="4.5" fill={group.colour} fillOpacity={0.55} />
            </svg>
            {group.genre}
          </li>
        ))}
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="4.5" fill="none" stroke="var(--text)" strokeWidth={1.5} />
          </svg>
          Rated
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <path d={LEGEND_STAR} fill="var(--series-2)" stroke="var(--text)" />
          </svg>
          Recommended
        </li>
      </ul>
      <p id={descriptionId} className="visually-hidden">
        {formatCount(layout.points.length)} movies as points coloured by first genre:{' '}
        {series.map((group) => `${group.genre} ${formatCount(group.points.length)}`).join(', ')}.{' '}
        {formatCount(highlighted.rated.length)} rated movies are drawn as rings and{' '}
        {formatCount(highlighted.recommended.length)} recommended movies as stars. Hover a point to
        see its title.
      </p>
    </figure>
  );
}

/** A star of outer radius 5.5 centred in the 12 px legend icon. */
const LEGEND_STAR =
  'M6,0.5L7.3,4.2L11.2,4.3L8.1,6.7L9.2,10.4L6,8.2L2.8,10.4L3.9,6.7L0.8,4.3L4.7,4.2Z';

interface MapCanvasProps {
  layout: { points: MapPoint[]; colours: string[]; pixels: ReturnType<typeof toPixels> };
  rated: number[];
  recommended: number[];
  descriptionId: string;
}

/** Renders the canvas, draws the map on it and shows the hover tooltip. */
function MapCanvas({ layout, rated, recommended, descriptionId }: MapCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hovered, setHovered] = useState(-1);
  const themeVersion = useColourSchemeVersion();

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (canvas === null || context === null || context === undefined) return;

    // Drawn at the device's pixel density, so points stay sharp on high-DPI screens.
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(WIDTH_PX * scale);
    canvas.height = Math.round(HEIGHT_PX * scale);
    context.setTransform(scale, 0, 0, scale, 0, 0);
    const drawing = { area: PLOT_AREA, ...layout, rated, recommended };
    const size = { width: WIDTH_PX, height: HEIGHT_PX };
    const drawn = drawTasteMap(context, size, drawing, readTheme(canvas));

    canvas.dataset.drawnPoints = String(drawn);
    canvas.dataset.rated = String(rated.length);
    canvas.dataset.recommended = String(recommended.length);
  }, [layout, rated, recommended, themeVersion]);

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    setHovered(nearestPoint(layout.pixels, x, y, HOVER_RADIUS_PX));
  };

  const point = layout.points[hovered];
  const pointX = layout.pixels.x[hovered] ?? 0;
  const pointY = layout.pixels.y[hovered] ?? 0;
  // The tooltip sits beside the point, on its left in the right third of the map.
  const tooltipStyle =
    pointX > (WIDTH_PX * 2) / 3
      ? { right: WIDTH_PX - pointX + 10, top: pointY + 10 }
      : { left: pointX + 10, top: pointY + 10 };
  return (
    <div className="taste-map-plot" style={{ width: WIDTH_PX, height: HEIGHT_PX }}>
      <canvas
        ref={canvasRef}
        style={{ width: WIDTH_PX, height: HEIGHT_PX }}
        role="img"
        aria-label="Movie embeddings by first genre"
        aria-describedby={descriptionId}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHovered(-1)}
      />
      {point !== undefined && (
        <div className="chart-tooltip taste-map-tooltip" role="tooltip" style={tooltipStyle}>
          <div className="chart-tooltip-title">{point.title}</div>
          <div className="muted small">{point.genre}</div>
        </div>
      )}
    </div>
  );
}

/** Returns a number that changes when the light or dark colour scheme changes, to redraw. */
function useColourSchemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setVersion((previous) => previous + 1);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return version;
}
