import type { IdMap } from './id_map';

/** The ratings layouts the reader detects. `synthetic` marks generated demo data. */
export type RatingsFormat = 'ml-1m' | 'ml-100k' | 'ml-latest' | 'synthetic';

/** Rating scale detected from the data: smallest and largest value, and the step between. */
export interface RatingScale {
  min: number;
  max: number;
  step: number;
}

/** A malformed input line that was skipped. `line` is 1-based; `content` is cut to 200 chars. */
export interface SkippedLine {
  line: number;
  reason: string;
  content: string;
}

/** Skipped lines: the first few in full (at most `MAX_LISTED_SKIPS`), the rest counted. */
export interface SkipReport {
  count: number;
  first: SkippedLine[];
}

export const MAX_LISTED_SKIPS = 10;

/**
 * Ratings as parallel typed arrays of dense indices. `user[j]`, `item[j]` and `rating[j]`
 * describe rating j; all three have the same length.
 */
export interface RatingTriples {
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
}

/** Movie metadata keyed by raw movie id. `year` is parsed from the title or release date. */
export interface Movie {
  id: number;
  title: string;
  genres: string[];
  year: number | null;
}

/** User metadata keyed by raw user id. ML-1M codes age and occupation; they are kept as text. */
export interface UserProfile {
  id: number;
  gender: string;
  age: string;
  occupation: string;
  zip: string;
}

/** Everything read from the user's files (or generated), before the split. */
export interface Dataset {
  /** File name of the ratings file, or a label for generated data. */
  name: string;
  format: RatingsFormat;
  ratings: RatingTriples;
  /** Raw user id <-> dense user index. */
  users: IdMap;
  /** Raw movie id <-> dense item index. */
  items: IdMap;
  scale: RatingScale;
  /** Number of repeated (user, item) pairs; the later rating was kept. */
  duplicates: number;
  skipped: SkipReport;
  movies: Map<number, Movie> | null;
  userProfiles: Map<number, UserProfile> | null;
  /** Messages about the optional files (ids that match no rating, skipped lines). */
  notes: string[];
  /**
   * Names of the files read, ratings first. Zip entries appear as `<zip name>/<path in zip>`.
   * Absent for generated data.
   */
  files?: string[];
}
