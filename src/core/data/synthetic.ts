import { LfmError } from '../errors';
import type { Dataset, Movie } from './dataset';
import { IdMap } from './id_map';
import { U_ITEM_GENRES } from './movies_reader';
import { createRng, randomInt, type Rng, standardNormal } from './random';
import { detectScale } from './ratings_reader';

export const DEMO_DATASET_NAME = 'Synthetic demo (generated)';

/** MovieLens genre names, as in ML-1M movies.dat: the u.item list without "unknown". */
const GENRES = U_ITEM_GENRES.slice(1) as readonly Exclude<
  (typeof U_ITEM_GENRES)[number],
  'unknown'
>[];

type Genre = (typeof GENRES)[number];

/** How often each genre is a movie's main genre, loosely following ML-1M. */
const GENRE_WEIGHTS: Record<Genre, number> = {
  Action: 10,
  Adventure: 5,
  Animation: 3,
  "Children's": 4,
  Comedy: 20,
  Crime: 5,
  Documentary: 3,
  Drama: 24,
  Fantasy: 2,
  'Film-Noir': 1,
  Horror: 6,
  Musical: 2,
  Mystery: 2,
  Romance: 7,
  'Sci-Fi': 6,
  Thriller: 7,
  War: 2,
  Western: 2,
};

/** A planted taste: users in the group rate these genres higher or lower than others do. */
export interface TasteGroup {
  name: string;
  likes: readonly Genre[];
  dislikes: readonly Genre[];
}

export const DEMO_TASTE_GROUPS: readonly TasteGroup[] = [
  {
    name: 'Sci-Fi and action fans',
    likes: ['Sci-Fi', 'Action', 'Adventure'],
    dislikes: ['Romance', 'Musical'],
  },
  {
    name: 'Romance and drama fans',
    likes: ['Romance', 'Drama', 'Musical'],
    dislikes: ['Horror', 'Action', 'Sci-Fi'],
  },
  {
    name: 'Family and comedy fans',
    likes: ['Animation', "Children's", 'Comedy', 'Fantasy'],
    dislikes: ['Horror', 'Crime', 'Film-Noir'],
  },
  {
    name: 'Horror and thriller fans',
    likes: ['Horror', 'Thriller', 'Mystery'],
    dislikes: ["Children's", 'Musical', 'Animation'],
  },
  {
    name: 'Crime and classics fans',
    likes: ['Crime', 'Film-Noir', 'Western', 'War', 'Documentary'],
    dislikes: ["Children's", 'Fantasy', 'Animation'],
  },
];

/** Words for generated titles; each genre draws from its own list so titles hint at it. */
const TITLE_WORDS: Record<Genre, readonly string[]> = {
  Action: ['Strike', 'Fury', 'Velocity', 'Target', 'Impact', 'Blast', 'Pursuit', 'Breakout'],
  Adventure: ['Expedition', 'Voyage', 'Treasure', 'Frontier', 'Jungle', 'Quest', 'Island'],
  Animation: ['Doodle', 'Sketch', 'Paintbox', 'Toon', 'Pixel', 'Crayon'],
  "Children's": ['Puppy', 'Treehouse', 'Balloon', 'Playground', 'Kitten', 'Lollipop'],
  Comedy: ['Mix-Up', 'Wedding', 'Roommates', 'Weekend', 'Neighbours', 'Blunder', 'Holiday'],
  Crime: ['Heist', 'Alibi', 'Racket', 'Syndicate', 'Getaway', 'Informant', 'Precinct'],
  Documentary: ['Portrait', 'Chronicle', 'Witness', 'Record', 'Archive'],
  Drama: ['Promise', 'Letters', 'Harvest', 'Silence', 'Inheritance', 'Return', 'Winter'],
  Fantasy: ['Dragon', 'Spellbook', 'Kingdom', 'Wizard', 'Enchantress', 'Amulet'],
  'Film-Noir': ['Shadow', 'Rain', 'Nightclub', 'Double-Cross', 'Smoke'],
  Horror: ['Crypt', 'Curse', 'Haunting', 'Basement', 'Ritual', 'Nightmare', 'Lantern'],
  Musical: ['Melody', 'Rhapsody', 'Serenade', 'Encore', 'Ballroom'],
  Mystery: ['Riddle', 'Cipher', 'Clue', 'Manor', 'Vanishing', 'Locket'],
  Romance: ['Kiss', 'Sweetheart', 'Valentine', 'Honeymoon', 'Serenity', 'Rendezvous'],
  'Sci-Fi': ['Nebula', 'Android', 'Orbit', 'Colony', 'Starship', 'Wormhole', 'Signal'],
  Thriller: ['Countdown', 'Hostage', 'Conspiracy', 'Deadline', 'Stalker', 'Trap'],
  War: ['Trenches', 'Battalion', 'Beachhead', 'Convoy', 'Armistice'],
  Western: ['Saloon', 'Outlaw', 'Stagecoach', 'Canyon', 'Rustler', 'Sheriff'],
};

const TITLE_ADJECTIVES = [
  'Last',
  'Silent',
  'Crimson',
  'Distant',
  'Hidden',
  'Broken',
  'Golden',
  'Midnight',
  'Final',
  'Little',
  'Endless',
  'Wild',
];

const DEMO_USERS = 600;
const DEMO_MOVIES = 1000;
const DEMO_MIN_RATINGS_PER_USER = 20;
/** Mean of the exponential extra ratings per user; 20 + 80 gives about 60,000 ratings. */
const DEMO_MEAN_EXTRA_RATINGS = 80;
const DEMO_MAX_RATINGS_PER_USER = 400;

/** The demo data set plus the planted truth, for tests and for explaining the demo. */
export interface DemoDataset extends Dataset {
  tasteGroups: readonly TasteGroup[];
  /** Taste group index of each dense user index. */
  userGroup: Int32Array;
}

/**
 * Generates a MovieLens-shaped demo: 600 users, 1,000 movies and about 60,000 whole-star
 * ratings from 1 to 5. Each user belongs to one of `DEMO_TASTE_GROUPS` and both watches and
 * rates its liked genres more often and higher, so a trained model's recommendations follow
 * genres visibly. Movie popularity and user activity are skewed as in real data, and every
 * user has at least 20 ratings.
 */
export function generateDemoDataset(seed: number): DemoDataset {
  const rng = createRng(seed);
  const movies = generateMovies(rng, DEMO_MOVIES);
  const movieList = [...movies.values()];
  const popularity = zipfWeights(rng, movieList.length, 1);
  const quality = Float64Array.from(movieList, () => 0.35 * standardNormal(rng));

  const users = new IdMap();
  const items = new IdMap();
  const userColumn: number[] = [];
  const itemColumn: number[] = [];
  const ratingColumn: number[] = [];
  const userGroup = new Int32Array(DEMO_USERS);

  for (let userId = 1; userId <= DEMO_USERS; userId++) {
    const group = randomInt(rng, DEMO_TASTE_GROUPS.length);
    const taste = DEMO_TASTE_GROUPS[group] as TasteGroup;
    const userBias = 0.35 * standardNormal(rng);
    const affinity = movieList.map((movie) => genreAffinity(taste, movie.genres));
    const extra = Math.floor(-Math.log(1 - rng()) * DEMO_MEAN_EXTRA_RATINGS);
    const count = Math.min(DEMO_MIN_RATINGS_PER_USER + extra, DEMO_MAX_RATINGS_PER_USER);

    // Users watch what is popular and what they like: sample without replacement with
    // weight popularity * exp(affinity), using Efraimidis-Spirakis keys.
    const keys = movieList.map((_, index) => {
      const weight = (popularity[index] as number) * Math.exp(1.2 * (affinity[index] as number));
      return { index, key: Math.log(1 - rng()) / weight };
    });
    keys.sort((left, right) => right.key - left.key);

    userGroup[users.add(userId)] = group;
    for (const { index } of keys.slice(0, count)) {
      const movie = movieList[index] as Movie;
      const score =
        3.2 +
        userBias +
        (quality[index] as number) +
        1.1 * (affinity[index] as number) +
        0.8 * standardNormal(rng);
      userColumn.push(users.indexOf(userId));
      itemColumn.push(items.add(movie.id));
      ratingColumn.push(Math.min(5, Math.max(1, Math.round(score))));
    }
  }

  const ratings = {
    user: Int32Array.from(userColumn),
    item: Int32Array.from(itemColumn),
    rating: Float32Array.from(ratingColumn),
  };
  const unrated = movieList.length - items.size;
  return {
    name: DEMO_DATASET_NAME,
    format: 'synthetic',
    ratings,
    users,
    items,
    scale: detectScale(ratings.rating),
    duplicates: 0,
    skipped: { count: 0, first: [] },
    movies,
    userProfiles: null,
    notes: [
      `Generated data (seed ${seed}): ${users.size} users, ${movies.size} movies and ` +
        `${ratings.rating.length} ratings from 1 to 5, not real MovieLens data.`,
      `Planted taste groups: ${DEMO_TASTE_GROUPS.map((group) => group.name).join(', ')}.`,
      ...(unrated > 0 ? [`${unrated} generated movies have no rating.`] : []),
    ],
    tasteGroups: DEMO_TASTE_GROUPS,
    userGroup,
  };
}

/** +1 per liked and -1 per disliked genre, divided by sqrt(genre count) so mixes stay mild. */
function genreAffinity(taste: TasteGroup, genres: readonly string[]): number {
  let sum = 0;
  for (const genre of genres) {
    if ((taste.likes as readonly string[]).includes(genre)) sum += 1;
    if ((taste.dislikes as readonly string[]).includes(genre)) sum -= 1;
  }
  return genres.length === 0 ? 0 : sum / Math.sqrt(genres.length);
}

function generateMovies(rng: Rng, count: number): Map<number, Movie> {
  const movies = new Map<number, Movie>();
  const titles = new Set<string>();
  const totalWeight = GENRES.reduce((sum, genre) => sum + GENRE_WEIGHTS[genre], 0);

  for (let id = 1; id <= count; id++) {
    const main = pickGenre(rng, totalWeight);
    const genres: string[] = [main];
    if (rng() < 0.5) {
      const second = pickGenre(rng, totalWeight);
      if (second !== main) genres.push(second);
    }
    // Skewed towards recent years, as MovieLens catalogues are.
    const year = 2018 - Math.floor(70 * rng() * rng());
    const title = uniqueTitle(rng, main, titles);
    movies.set(id, { id, title: `${title} (${year})`, genres, year });
  }
  return movies;
}

function pickGenre(rng: Rng, totalWeight: number): Genre {
  let remaining = rng() * totalWeight;
  for (const genre of GENRES) {
    remaining -= GENRE_WEIGHTS[genre];
    if (remaining < 0) return genre;
  }
  return GENRES[GENRES.length - 1] as Genre;
}

function uniqueTitle(rng: Rng, genre: Genre, used: Set<string>): string {
  const words = TITLE_WORDS[genre];
  const noun = words[randomInt(rng, words.length)] as string;
  const adjective = TITLE_ADJECTIVES[randomInt(rng, TITLE_ADJECTIVES.length)] as string;
  const other = words[randomInt(rng, words.length)] as string;
  const base = rng() < 0.6 ? `The ${adjective} ${noun}` : `${noun} of the ${adjective} ${other}`;

  let title = base;
  for (let sequel = 2; used.has(title); sequel++) title = `${base} ${sequel}`;
  used.add(title);
  return title;
}

/** Popularity weights 1 / (rank + 5)^exponent, with ranks in random order. */
function zipfWeights(rng: Rng, count: number, exponent: number): Float64Array {
  const weights = new Float64Array(count);
  const ranks = Array.from({ length: count }, (_, index) => index);
  for (let last = count - 1; last > 0; last--) {
    const other = randomInt(rng, last + 1);
    [ranks[last], ranks[other]] = [ranks[other] as number, ranks[last] as number];
  }
  for (let index = 0; index < count; index++) {
    weights[index] = 1 / Math.pow((ranks[index] as number) + 5, exponent);
  }
  return weights;
}

export interface SyntheticRatingsOptions {
  /** `ml-1m`: `UserID::MovieID::Rating::Timestamp`, LF. `ml-latest`: CSV with header, CRLF. */
  format: 'ml-1m' | 'ml-latest';
  users: number;
  items: number;
  ratings: number;
  seed?: number;
  /** Approximate size of each chunk in bytes. */
  chunkBytes?: number;
  /**
   * Rank of planted tastes: each user and movie gets this many normal factors, and their dot
   * product (standard deviation about 0.6 stars) enters every score. 0 (the default) plants
   * none, so only the biases and noise shape the ratings.
   */
  tasteRank?: number;
}

/** ML-25M's shape: 162,541 users, 59,047 movie ids and 25,000,095 ratings. */
export const ML_25M_SHAPE = { users: 162_541, items: 59_047, ratings: 25_000_095 } as const;

/** ML-1M's shape: 6,040 users, 3,952 movie ids and 1,000,209 ratings. */
export const ML_1M_SHAPE = { users: 6040, items: 3952, ratings: 1_000_209 } as const;

const ML_1M_FIRST_TIMESTAMP = 956_703_932;
const ML_1M_TIMESTAMP_SPAN = 89_750_658;
const MIN_RATINGS_PER_USER = 20;

/**
 * Generates ratings text in a real file layout, for benchmarks and tests of large inputs.
 * Users are 1..users, movie ids 1..items, each user has at least min(20, ratings / users)
 * ratings and no (user, movie) pair repeats. Activity is log-normal and popularity skewed.
 * Ratings are whole stars for `ml-1m` and half stars for `ml-latest`.
 */
export function* writeSyntheticRatings(options: SyntheticRatingsOptions): Generator<Uint8Array> {
  const { format, users, items, ratings } = options;
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  validateShape(users, items, ratings);

  const rng = createRng(options.seed ?? 1);
  const counts = ratingsPerUser(rng, users, items, ratings);
  const itemOrder = shuffledIds(rng, items);
  const itemBias = Float64Array.from({ length: items }, () => 0.5 * standardNormal(rng));
  const rank = options.tasteRank ?? 0;
  // Factors with variance 0.6 / sqrt(rank) give a dot product with standard deviation 0.6.
  const factorStd = rank > 0 ? Math.sqrt(0.6 / Math.sqrt(rank)) : 0;
  const itemTaste = Float64Array.from(
    { length: items * rank },
    () => factorStd * standardNormal(rng),
  );
  const userTaste = new Float64Array(rank);
  const ratedBy = new Int32Array(items).fill(-1);
  const pool = new Int32Array(items);
  const writer = new ChunkWriter(chunkBytes);
  const separator = format === 'ml-1m' ? '::' : ',';
  const lineEnd = format === 'ml-1m' ? '\n' : '\r\n';

  if (format === 'ml-latest') writer.text('userId,movieId,rating,timestamp\r\n');
  for (let user = 0; user < users; user++) {
    const count = counts[user] as number;
    const userBias = 0.4 * standardNormal(rng);
    for (let f = 0; f < rank; f++) userTaste[f] = factorStd * standardNormal(rng);
    const chosen = chooseItems(rng, user, count, items, ratedBy, pool);
    for (const item of chosen) {
      let taste = 0;
      for (let f = 0; f < rank; f++) {
        taste += (userTaste[f] as number) * (itemTaste[item * rank + f] as number);
      }
      const score =
        3.58 + userBias + (itemBias[item] as number) + taste + 0.9 * standardNormal(rng);
      writer.integer(user + 1);
      writer.text(separator);
      writer.integer((itemOrder[item] as number) + 1);
      writer.text(separator);
      if (format === 'ml-1m') {
        writer.integer(Math.min(5, Math.max(1, Math.round(score))));
      } else {
        const halfStars = Math.min(10, Math.max(1, Math.round(score * 2)));
        writer.integer(halfStars >> 1);
        writer.text(halfStars % 2 === 0 ? '.0' : '.5');
      }
      writer.text(separator);
      writer.integer(ML_1M_FIRST_TIMESTAMP + randomInt(rng, ML_1M_TIMESTAMP_SPAN));
      writer.text(lineEnd);
      if (writer.full) yield writer.take();
    }
  }
  if (writer.length > 0) yield writer.take();
}

function validateShape(users: number, items: number, ratings: number): void {
  const valid =
    Number.isInteger(users) &&
    Number.isInteger(items) &&
    Number.isInteger(ratings) &&
    users > 0 &&
    items > 0 &&
    ratings >= users &&
    ratings <= users * items;
  if (!valid) {
    throw new LfmError(
      'invalid-config',
      `writeSyntheticRatings: ratings must be an integer from users to users * items, with ` +
        `positive integer users and items, got users ${users}, items ${items}, ` +
        `ratings ${ratings}. Choose a smaller ratings count or more users or items.`,
    );
  }
}

/** Log-normal activity with a floor, adjusted so the counts sum to `ratings` exactly. */
function ratingsPerUser(rng: Rng, users: number, items: number, ratings: number): Int32Array {
  const floor = Math.min(MIN_RATINGS_PER_USER, Math.floor(ratings / users), items);
  const weights = Float64Array.from({ length: users }, () => Math.exp(1.1 * standardNormal(rng)));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const spare = ratings - floor * users;

  const counts = new Int32Array(users);
  let assigned = 0;
  for (let user = 0; user < users; user++) {
    const share = Math.floor((spare * (weights[user] as number)) / weightSum);
    counts[user] = Math.min(items, floor + share);
    assigned += counts[user] as number;
  }

  // Rounding down and the cap at `items` leave a remainder; hand it out one by one.
  for (let user = 0; assigned < ratings; user = (user + 1) % users) {
    if ((counts[user] as number) < items) {
      counts[user]++;
      assigned++;
    }
  }
  return counts;
}

function shuffledIds(rng: Rng, count: number): Int32Array {
  const ids = Int32Array.from({ length: count }, (_, index) => index);
  for (let last = count - 1; last > 0; last--) {
    const other = randomInt(rng, last + 1);
    const kept = ids[last] as number;
    ids[last] = ids[other] as number;
    ids[other] = kept;
  }
  return ids;
}

/**
 * Picks `count` distinct item positions for one user. Light users draw popularity-skewed
 * positions (low positions are popular) and redraw repeats. Heavy users take a uniform partial
 * Fisher-Yates sample, because redrawing repeats would be slow for them.
 */
function chooseItems(
  rng: Rng,
  user: number,
  count: number,
  items: number,
  ratedBy: Int32Array,
  pool: Int32Array,
): Int32Array {
  const chosen = new Int32Array(count);
  if (count * 4 <= items) {
    for (let slot = 0; slot < count;) {
      const draw = rng();
      const item = Math.floor(items * draw * draw);
      if (ratedBy[item] === user) continue;
      ratedBy[item] = user;
      chosen[slot++] = item;
    }
    return chosen;
  }

  for (let index = 0; index < items; index++) pool[index] = index;
  for (let slot = 0; slot < count; slot++) {
    const other = slot + randomInt(rng, items - slot);
    const item = pool[other] as number;
    pool[other] = pool[slot] as number;
    pool[slot] = item;
    chosen[slot] = item;
  }
  return chosen;
}

/** Writes ASCII text and integers into fixed-size byte chunks. */
class ChunkWriter {
  private buffer: Uint8Array;
  length = 0;

  constructor(private readonly chunkBytes: number) {
    this.buffer = new Uint8Array(chunkBytes + 256);
  }

  get full(): boolean {
    return this.length >= this.chunkBytes;
  }

  /** Returns the written bytes as a new chunk the caller owns, and starts a new one. */
  take(): Uint8Array {
    const chunk = this.buffer.slice(0, this.length);
    this.length = 0;
    return chunk;
  }

  text(value: string): void {
    for (let index = 0; index < value.length; index++) {
      this.buffer[this.length++] = value.charCodeAt(index);
    }
  }

  /** Writes a non-negative integer in decimal. */
  integer(value: number): void {
    let divisor = 1;
    while (divisor * 10 <= value) divisor *= 10;
    for (; divisor >= 1; divisor = Math.floor(divisor / 10)) {
      this.buffer[this.length++] = 0x30 + (Math.floor(value / divisor) % 10);
    }
  }
}
