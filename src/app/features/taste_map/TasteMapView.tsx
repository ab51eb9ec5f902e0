import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Scatter,
  ScatterChart,
  Tooltip,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount } from '../../format';
import { useController } from '../../store/context';
import { useWorkerResult } from '../explore/use_worker_result';
import { groupByGenre, type GenreSeries, type MapPoint } from './taste_map_data';

/** SVG scatter charts slow down past a few thousand circles, so the map shows the most-rated. */
export const MAX_MAP_POINTS = 2000;

interface TasteMapViewProps {
  /** Movies the selected user (or the visitor) rated, drawn as rings. */
  ratedIds: ReadonlySet<number>;
  /** Movies recommended to them, drawn as larger filled marks. */
  recommendedIds: ReadonlySet<number>;
}

/** Renders a 2-D PCA projection of the movie embeddings, coloured by first genre. */
export function TasteMapView({ ratedIds, recommendedIds }: TasteMapViewProps) {
  const controller = useController();
  const request = useMemo(() => () => controller.explorer.tasteMap(MAX_MAP_POINTS), [controller]);
  const result = useWorkerResult(request);
  const map = result.value;

  const series = useMemo(() => (map === null ? [] : groupByGenre(map)), [map]);
  const highlighted = useMemo(() => {
    const rated: MapPoint[] = [];
    const recommended: MapPoint[] = [];
    for (const group of series) {
      for (const point of group.points) {
        if (recommendedIds.has(point.movieId)) recommended.push(point);
        else if (ratedIds.has(point.movieId)) rated.push(point);
      }
    }
    return { rated, recommended };
  }, [series, ratedIds, recommendedIds]);

  if (result.error !== null) return <p className="field-error">{result.error}</p>;
  if (map === null) return <p className="muted">Projecting the movie embeddings…</p>;

  const offMap =
    [...ratedIds, ...recommendedIds].length -
    highlighted.rated.length -
    highlighted.recommended.length;
  return (
    <figure className="taste-map" data-points={map.shown} aria-label="Taste map">
      <figcaption>
        Taste map: movie embeddings projected on their first two principal components (
        {(map.explained[0] * 100).toFixed(0)}% and {(map.explained[1] * 100).toFixed(0)}% of the
        variance).{' '}
        {map.shown < map.total
          ? `Showing the ${formatCount(map.shown)} most-rated of ${formatCount(map.total)} movies.`
          : `All ${formatCount(map.total)} movies.`}
        {offMap > 0 && ` ${formatCount(offMap)} highlighted movies are not among them.`}
      </figcaption>
      <ScatterChart width={760} height={460} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="var(--grid)" />
        <XAxis
          type="number"
          dataKey="x"
          name="PC 1"
          tick={false}
          label={{ value: 'PC 1', position: 'insideBottomRight', fontSize: 11 }}
        />
        <YAxis
          type="number"
          dataKey="y"
          name="PC 2"
          tick={false}
          width={24}
          label={{ value: 'PC 2', angle: -90, position: 'insideLeft', fontSize: 11 }}
        />
        <Tooltip content={<PointTooltip />} isAnimationActive={false} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <GenreLayers series={series} />
        {/*
          These two series have no points and only add the legend entries. HighlightMarks draws
          the marks: a Scatter with new data makes Recharts recompute and redraw every genre
          point too, which took 0.5-1 s per selected user with 2,000 points on a 2-vCPU VM.
        */}
        <Scatter
          name="Rated"
          data={NO_POINTS}
          fill="none"
          stroke="var(--text)"
          strokeWidth={1.5}
          shape="circle"
          isAnimationActive={false}
        />
        <Scatter
          name="Recommended"
          data={NO_POINTS}
          fill="var(--series-2)"
          stroke="var(--text)"
          shape="star"
          isAnimationActive={false}
        />
        <HighlightMarks rated={highlighted.rated} recommended={highlighted.recommended} />
      </ScatterChart>
    </figure>
  );
}

const NO_POINTS: MapPoint[] = [];

/** Radius of a rated ring, as Recharts draws a `circle` symbol of its default area 64 px². */
const RING_RADIUS_PX = Math.sqrt(64 / Math.PI);

/** Outer and inner radius of a recommended star, as d3's `symbolStar` draws area 64 px². */
const STAR_OUTER_PX = Math.sqrt(64 * 0.8908130915292852);
const STAR_INNER_PX = STAR_OUTER_PX * (Math.sin(Math.PI / 10) / Math.sin((7 * Math.PI) / 10));

/**
 * Draws the highlighted movies with the chart's axis scales: all rings in one SVG path and all
 * stars in another, so a heavy user's 2,000 rated movies add two DOM nodes, not 2,000.
 * The marks ignore the pointer, so hovering a mark shows the tooltip of the genre point below.
 */
function HighlightMarks({ rated, recommended }: { rated: MapPoint[]; recommended: MapPoint[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (xScale === undefined || yScale === undefined) return null;

  const rings: string[] = [];
  const stars: string[] = [];
  for (const point of rated) {
    const x = xScale(point.x);
    const y = yScale(point.y);
    if (x === undefined || y === undefined) continue;
    const r = RING_RADIUS_PX;
    rings.push(`M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`);
  }
  for (const point of recommended) {
    const x = xScale(point.x);
    const y = yScale(point.y);
    if (x === undefined || y === undefined) continue;
    stars.push(starPath(x, y));
  }

  return (
    <g className="taste-map-highlights" pointerEvents="none">
      <path d={rings.join('')} fill="none" stroke="var(--text)" strokeWidth={1.5} />
      <path d={stars.join('')} fill="var(--series-2)" stroke="var(--text)" />
    </g>
  );
}

/** Builds the SVG path of a closed five-pointed star centred on (x, y), first point up. */
function starPath(x: number, y: number): string {
  const corners: string[] = [];
  for (let corner = 0; corner < 10; corner++) {
    const angle = (corner * Math.PI) / 5;
    const radius = corner % 2 === 0 ? STAR_OUTER_PX : STAR_INNER_PX;
    const px = x + radius * Math.sin(angle);
    const py = y - radius * Math.cos(angle);
    corners.push(`${corner === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`);
  }
  return `${corners.join('')}Z`;
}

/**
 * The genre series, memoised so that a new highlight does not redraw the 2,000 base points.
 * Recharts reads `Scatter` children of the chart, so this returns them as a fragment.
 */
const GenreLayers = memo(function GenreLayers({ series }: { series: GenreSeries[] }) {
  return (
    <>
      {series.map((group) => (
        <Scatter
          key={group.genre}
          name={group.genre}
          data={group.points}
          fill={group.colour}
          fillOpacity={0.55}
          shape="circle"
          isAnimationActive={false}
        />
      ))}
    </>
  );
});

function PointTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: { payload?: MapPoint }[];
}) {
  const point = payload?.[0]?.payload;
  if (active !== true || point === undefined) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{point.title}</div>
      <div className="muted small">{point.genre}</div>
    </div>
  );
}
