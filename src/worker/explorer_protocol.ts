/**
 * The explorer's part of the worker API: a new visitor's recommendations, similar movies,
 * explanations, the taste map, error views and exports. Only plain objects, numbers,
 * strings and typed arrays cross.
 */
import type { ErrorViews } from '../core/eval/error_views';
import type { PredictionTerms } from '../core/recommend/explain';

export type { ErrorViews, PredictionTerms };

/** Restricts recommendations by genre, by release year (inclusive) and by number of ratings. */
export interface MovieFilter {
  /** A genre the movie must list, or null for any. */
  genre: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  /** Movies with fewer ratings in the loaded data are left out; 0 keeps every movie. */
  minRatings: number;
}

/** Genres and years present in the catalogue, and the model's rating scale. */
export interface MovieFacets {
  genres: string[];
  minYear: number | null;
  maxYear: number | null;
  scale: { min: number; max: number; step: number };
}

/** A movie found by title, with its number of ratings in the loaded data. */
export interface FoundMovie {
  movieId: number;
  title: string | null;
  genres: string[];
  year: number | null;
  ratings: number;
}

/** One rating the new visitor gave, by raw movie id. */
export interface VisitorRating {
  movieId: number;
  rating: number;
}

/** One recommended movie, with its predicted rating clipped to the scale. */
export interface RecommendedRow {
  movieId: number;
  title: string | null;
  genres: string[];
  rating: number;
}

export interface VisitorRecommendations {
  rows: RecommendedRow[];
  /** The fitted b_u. */
  userBias: number;
  /** Ratings that took part in the fit (ratings of movies unknown to the model are left out). */
  used: number;
  /** Milliseconds to fit b_u and p and rank every movie, measured in the worker. */
  milliseconds: number;
}

export interface SimilarMovieRow {
  movieId: number;
  title: string | null;
  genres: string[];
  similarity: number;
  ratings: number;
}

/** Whose prediction to explain: a user of the data set or the new visitor. */
export type ExplainTarget =
  { kind: 'user'; userId: number } | { kind: 'visitor'; ratings: VisitorRating[] };

export interface Explanation {
  movieId: number;
  title: string | null;
  terms: PredictionTerms;
  /** The user's highest-rated movies that are most similar to this one. */
  neighbours: { movieId: number; title: string | null; rating: number; similarity: number }[];
}

/** Items projected on the first two principal components of Q. */
export interface TasteMap {
  movieIds: Int32Array;
  x: Float32Array;
  y: Float32Array;
  titles: (string | null)[];
  /** First genre of each movie, or "" without a movies file. */
  genres: string[];
  /** Movies on the map: the most-rated ones, at most the requested number. */
  shown: number;
  /** Movies with at least one training rating. */
  total: number;
  explained: [number, number];
}

/** A downloadable file produced in the worker. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface ExplorerApi {
  movieFacets(): Promise<MovieFacets>;
  /** Movies whose title contains every word of `query` (case-insensitive), most-rated first. */
  searchMovies(query: string, limit: number): Promise<FoundMovie[]>;
  /** Popular movies spread over genres, for a new visitor to start from. */
  starterMovies(count: number): Promise<FoundMovie[]>;
  recommendFiltered(userId: number, count: number, filter: MovieFilter): Promise<RecommendedRow[]>;
  recommendForVisitor(
    ratings: VisitorRating[],
    count: number,
    filter: MovieFilter,
  ): Promise<VisitorRecommendations>;
  similarMovies(movieId: number, count: number, minRatings: number): Promise<SimilarMovieRow[]>;
  explain(target: ExplainTarget, movieId: number): Promise<Explanation>;
  tasteMap(maxPoints: number): Promise<TasteMap>;
  /** Test-set error views of the model trained in this session; null for a loaded model. */
  errorViews(): Promise<ErrorViews | null>;
  exportRecommendations(count: number): Promise<ExportFile>;
  /** Embeddings and biases: one CSV of users and movies, or a zip of NPY arrays. */
  exportEmbeddings(format: 'csv' | 'npy'): Promise<ExportFile>;
}
