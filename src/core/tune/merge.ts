import type { RatingTriples } from '../data/dataset';

/** Concatenates two sets of rating triples into new arrays, `first` then `second`. */
export function concatRatings(first: RatingTriples, second: RatingTriples): RatingTriples {
  const count = first.rating.length + second.rating.length;
  const user = new Int32Array(count);
  const item = new Int32Array(count);
  const rating = new Float32Array(count);
  user.set(first.user);
  user.set(second.user, first.user.length);
  item.set(first.item);
  item.set(second.item, first.item.length);
  rating.set(first.rating);
  rating.set(second.rating, first.rating.length);
  return { user, item, rating };
}
