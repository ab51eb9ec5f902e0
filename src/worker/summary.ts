import type { Dataset } from '../core/data/dataset';
import type { DatasetSummary, RatingCount } from './protocol';

/** Counts ratings per value of the scale, from min to max in scale steps. */
export function ratingHistogram(dataset: Dataset): RatingCount[] {
  const { min, max, step } = dataset.scale;
  const bins = Math.round((max - min) / step) + 1;
  const counts = new Float64Array(bins);
  for (const rating of dataset.ratings.rating) {
    const bin = Math.round((rating - min) / step);
    if (bin >= 0 && bin < bins) counts[bin]! += 1;
  }
  return Array.from(counts, (count, bin) => ({ rating: min + bin * step, count }));
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  return {
    name: dataset.name,
    format: dataset.format,
    synthetic: dataset.format === 'synthetic',
    ratings: dataset.ratings.rating.length,
    users: dataset.users.size,
    items: dataset.items.size,
    scale: { ...dataset.scale },
    duplicates: dataset.duplicates,
    skipped: {
      count: dataset.skipped.count,
      first: dataset.skipped.first.map((line) => ({ ...line })),
    },
    histogram: ratingHistogram(dataset),
    hasMovies: dataset.movies !== null,
    hasUserProfiles: dataset.userProfiles !== null,
    files: dataset.files ?? [],
    notes: [...dataset.notes],
  };
}
