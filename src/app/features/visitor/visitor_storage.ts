/** A rating the visitor gave, with what the list shows about the movie. */
export interface StoredVisitorRating {
  movieId: number;
  rating: number;
  title: string | null;
}

const KEY_PREFIX = 'lfm-studio:visitor:';

/** Ratings are stored per data set, because movie ids mean different movies elsewhere. */
function storageKey(datasetName: string): string {
  return `${KEY_PREFIX}${datasetName}`;
}

/** Reads the visitor's saved ratings; anything unreadable counts as none. */
export function loadVisitorRatings(datasetName: string): StoredVisitorRating[] {
  try {
    const text = localStorage.getItem(storageKey(datasetName));
    if (text === null) return [];
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is StoredVisitorRating =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as StoredVisitorRating).movieId === 'number' &&
        typeof (entry as StoredVisitorRating).rating === 'number',
    );
  } catch {
    return [];
  }
}

/** Saves the ratings, or removes the entry when there are none. Storage errors are ignored. */
export function saveVisitorRatings(datasetName: string, ratings: StoredVisitorRating[]): void {
  try {
    if (ratings.length === 0) localStorage.removeItem(storageKey(datasetName));
    else localStorage.setItem(storageKey(datasetName), JSON.stringify(ratings));
  } catch {
    // NOTE: private browsing or a full quota rejects writes; the ratings then last for this page only.
  }
}
