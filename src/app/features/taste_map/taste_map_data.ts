import type { TasteMap } from '../../../worker/protocol';

export interface MapPoint {
  x: number;
  y: number;
  movieId: number;
  title: string;
  genre: string;
}

export interface GenreSeries {
  genre: string;
  colour: string;
  points: MapPoint[];
}

/** Distinct colours for the most common first genres; the rest share `OTHER_COLOUR`. */
const GENRE_COLOURS = [
  '#2458b3',
  '#d9480f',
  '#2b8a3e',
  '#ae3ec9',
  '#e67700',
  '#0c8599',
  '#c2255c',
  '#5c940d',
  '#7048e8',
];
const OTHER_COLOUR = '#98a2ae';

/**
 * Groups the map's points by first genre: the most common genres get their own colour, the
 * rest are drawn as "Other genres". Movies without genres form one group.
 */
export function groupByGenre(map: TasteMap): GenreSeries[] {
  const points: MapPoint[] = Array.from(map.movieIds, (movieId, index) => ({
    x: map.x[index] as number,
    y: map.y[index] as number,
    movieId,
    title: map.titles[index] ?? `Movie ${movieId}`,
    genre: map.genres[index] || 'No genre',
  }));

  const counts = new Map<string, number>();
  for (const point of points) counts.set(point.genre, (counts.get(point.genre) ?? 0) + 1);
  const ranked = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  const coloured = new Map(
    ranked.slice(0, GENRE_COLOURS.length).map((genre, rank) => [genre, rank]),
  );

  const series = new Map<string, GenreSeries>();
  for (const point of points) {
    const rank = coloured.get(point.genre);
    const name = rank === undefined ? 'Other genres' : point.genre;
    const colour = rank === undefined ? OTHER_COLOUR : (GENRE_COLOURS[rank] as string);
    const entry = series.get(name) ?? { genre: name, colour, points: [] };
    entry.points.push(point);
    series.set(name, entry);
  }
  return [...series.values()].sort((a, b) =>
    a.genre === 'Other genres'
      ? 1
      : b.genre === 'Other genres'
        ? -1
        : b.points.length - a.points.length,
  );
}
