import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
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
        <Scatter
          name="Rated"
          data={highlighted.rated}
          fill="none"
          stroke="var(--text)"
          strokeWidth={1.5}
          shape="circle"
          isAnimationActive={false}
        />
        <Scatter
          name="Recommended"
          data={highlighted.recommended}
          fill="var(--series-2)"
          stroke="var(--text)"
          shape="star"
          isAnimationActive={false}
        />
      </ScatterChart>
    </figure>
  );
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
