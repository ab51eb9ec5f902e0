import { describe, expect, it } from 'vitest';

import type { Movie } from '../core/data/dataset';
import { IdMap } from '../core/data/id_map';
import type { Catalog } from '../core/recommend/catalog';
import type { MovieFilter } from './explorer_protocol';
import { filterMask } from './movie_filter';

const MOVIES: Movie[] = [
  { id: 10, title: 'Alien (1979)', genres: ['Horror', 'Sci-Fi'], year: 1979 },
  { id: 20, title: 'Heat (1995)', genres: ['Crime'], year: 1995 },
  { id: 30, title: 'Up (2009)', genres: ['Animation'], year: 2009 },
  { id: 40, title: 'Untitled', genres: [], year: null },
];

/** Ratings per item index, in the order of `MOVIES`. */
const RATING_COUNTS = Int32Array.of(50, 5, 20, 30);

function catalog(withMovies: boolean): Catalog {
  return {
    datasetName: 'test',
    users: IdMap.fromRawIds([1]),
    items: IdMap.fromRawIds(MOVIES.map((movie) => movie.id)),
    rated: { offsets: Int32Array.of(0, 0), indices: new Int32Array(0) },
    ratedValues: new Float32Array(0),
    movies: withMovies ? new Map(MOVIES.map((movie) => [movie.id, movie])) : null,
  };
}

const ANY: MovieFilter = { genre: null, yearFrom: null, yearTo: null, minRatings: 0 };

describe('filterMask', () => {
  it.each([
    ['keeps every movie', ANY, [0, 0, 0, 0]],
    ['applies the minimum ratings', { ...ANY, minRatings: 20 }, [0, 1, 0, 0]],
    ['keeps one genre', { ...ANY, genre: 'Sci-Fi' }, [0, 1, 1, 1]],
    ['keeps an inclusive year range', { ...ANY, yearFrom: 1979, yearTo: 1995 }, [0, 0, 1, 1]],
    ['leaves out unknown years', { ...ANY, yearFrom: 1900 }, [0, 0, 0, 1]],
  ] as const)('%s', (_, filter, expected) => {
    expect(Array.from(filterMask(catalog(true), filter, RATING_COUNTS))).toEqual(expected);
  });

  it('ignores genre and year without movies', () => {
    const filter = { genre: 'Crime', yearFrom: 2000, yearTo: null, minRatings: 10 };

    const mask = filterMask(catalog(false), filter, RATING_COUNTS);

    expect(Array.from(mask)).toEqual([0, 1, 0, 0]);
  });
});
