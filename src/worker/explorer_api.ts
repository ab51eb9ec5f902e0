/**
 * The explorer's requests, run in the worker on the current model: a user's ratings and
 * recommendations, a new visitor's fold-in, filtered recommendations, similar movies,
 * explanations, the taste map, error views and exports. The session owns the model and
 * delegates here; this class only reads it, and each request lives in its own module.
 */
import type { ErrorViews } from '../core/eval/error_views';
import type { LfmModel } from '../core/model/lfm_model';
import { countRatingsPerItem, unitRows } from '../core/recommend/similar_items';
import { errorViews } from './error_views';
import { explain } from './explanation';
import type { Derived, ExplorerContext, ExplorerModel } from './explorer_context';
import type {
  ExplainTarget,
  Explanation,
  ExplorerApi,
  ExportFile,
  FoundMovie,
  MovieFacets,
  MovieFilter,
  RecommendedRow,
  SimilarMovieRow,
  TasteMap,
  VisitorRating,
  VisitorRecommendations,
} from './explorer_protocol';
import { exportEmbeddings, exportRecommendations } from './export_files';
import { movieFacets, searchMovies, starterMovies } from './movie_search';
import type { MovieRow } from './protocol';
import { similarMovies } from './similar_movies';
import { tasteMap } from './taste_map';
import { ratedMovies, recommend, recommendFiltered } from './user_queries';
import { recommendForVisitor } from './visitor';

/**
 * Serves the explorer's requests over Comlink. Each method passes the service, as the request's
 * context, to the module function of the same name.
 */
export class ExplorerService implements ExplorerApi, ExplorerContext {
  private derived = new WeakMap<LfmModel, Promise<Derived>>();

  constructor(readonly current: () => ExplorerModel) {}

  ratedMovies(userId: number): Promise<MovieRow[]> {
    return ratedMovies(this, userId);
  }

  recommend(userId: number, count: number): Promise<MovieRow[]> {
    return recommend(this, userId, count);
  }

  movieFacets(): Promise<MovieFacets> {
    return movieFacets(this);
  }

  searchMovies(query: string, limit: number): Promise<FoundMovie[]> {
    return searchMovies(this, query, limit);
  }

  starterMovies(count: number): Promise<FoundMovie[]> {
    return starterMovies(this, count);
  }

  recommendFiltered(userId: number, count: number, filter: MovieFilter): Promise<RecommendedRow[]> {
    return recommendFiltered(this, userId, count, filter);
  }

  recommendForVisitor(
    ratings: VisitorRating[],
    count: number,
    filter: MovieFilter,
  ): Promise<VisitorRecommendations> {
    return recommendForVisitor(this, ratings, count, filter);
  }

  similarMovies(movieId: number, count: number, minRatings: number): Promise<SimilarMovieRow[]> {
    return similarMovies(this, movieId, count, minRatings);
  }

  explain(target: ExplainTarget, movieId: number): Promise<Explanation> {
    return explain(this, target, movieId);
  }

  tasteMap(maxPoints: number): Promise<TasteMap> {
    return tasteMap(this, maxPoints);
  }

  errorViews(): Promise<ErrorViews | null> {
    return errorViews(this);
  }

  exportRecommendations(count: number): Promise<ExportFile> {
    return exportRecommendations(this, count);
  }

  exportEmbeddings(format: 'csv' | 'npy'): Promise<ExportFile> {
    return exportEmbeddings(this, format);
  }

  /** Returns the current model's derived values, computing them on the first request. */
  derive(): Promise<Derived> {
    const { model, catalog } = this.current();
    let derived = this.derived.get(model);
    if (derived === undefined) {
      derived = model.toArrays().then((arrays) => {
        const ratingCounts = countRatingsPerItem(catalog.rated.indices, model.info.items);
        const byPopularity = Int32Array.from(
          Array.from(ratingCounts.keys()).sort(
            (a, b) => (ratingCounts[b] as number) - (ratingCounts[a] as number) || a - b,
          ),
        );
        return {
          arrays,
          unitItems: unitRows(arrays.itemEmbedding, model.k),
          ratingCounts,
          byPopularity,
        };
      });
      this.derived.set(model, derived);
    }
    return derived;
  }
}
