import { useState } from 'react';
import type { MovieFacets, MovieFilter } from '../../../worker/protocol';

export const COUNT_OPTIONS = [5, 10, 20, 50, 100];

export const NO_FILTER: MovieFilter = { genre: null, yearFrom: null, yearTo: null, minRatings: 0 };

/** Choices for the minimum number of ratings a recommended movie needs. */
export const MIN_RATINGS_OPTIONS = [0, 5, 10, 20, 50, 100];

/**
 * The explorer starts by leaving out movies with under 10 ratings: their embeddings are mostly
 * prior, and a rating-trained model tends to rank such obscure movies high.
 */
export const DEFAULT_FILTER: MovieFilter = { ...NO_FILTER, minRatings: 10 };

interface RecommendationFiltersProps {
  facets: MovieFacets | null;
  filter: MovieFilter;
  onFilterChange: (filter: MovieFilter) => void;
  count: number;
  onCountChange: (count: number) => void;
}

/** Renders the Top N choice and the genre and release-year filters of the recommendations. */
export function RecommendationFilters({
  facets,
  filter,
  onFilterChange,
  count,
  onCountChange,
}: RecommendationFiltersProps) {
  const hasGenres = facets !== null && facets.genres.length > 0;
  const hasYears = facets !== null && facets.minYear !== null;

  return (
    <div className="recommendation-filters">
      <div className="field">
        <label htmlFor="explore-count">Top N</label>
        <select
          id="explore-count"
          value={count}
          onChange={(event) => onCountChange(Number(event.currentTarget.value))}
        >
          {COUNT_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="explore-min-ratings">Min. ratings</label>
        <select
          id="explore-min-ratings"
          value={filter.minRatings}
          onChange={(event) =>
            onFilterChange({ ...filter, minRatings: Number(event.currentTarget.value) })
          }
        >
          {MIN_RATINGS_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {option === 0 ? 'Any' : option}
            </option>
          ))}
        </select>
      </div>
      {hasGenres && (
        <div className="field">
          <label htmlFor="explore-genre">Genre</label>
          <select
            id="explore-genre"
            value={filter.genre ?? ''}
            onChange={(event) =>
              onFilterChange({ ...filter, genre: event.currentTarget.value || null })
            }
          >
            <option value="">Any</option>
            {facets.genres.map((genre) => (
              <option key={genre} value={genre}>
                {genre}
              </option>
            ))}
          </select>
        </div>
      )}
      {hasYears && (
        <>
          <YearField
            id="explore-year-from"
            label="From year"
            value={filter.yearFrom}
            placeholder={String(facets.minYear)}
            onChange={(yearFrom) => onFilterChange({ ...filter, yearFrom })}
          />
          <YearField
            id="explore-year-to"
            label="To year"
            value={filter.yearTo}
            placeholder={String(facets.maxYear)}
            onChange={(yearTo) => onFilterChange({ ...filter, yearTo })}
          />
        </>
      )}
    </div>
  );
}

function YearField(props: {
  id: string;
  label: string;
  value: number | null;
  placeholder: string;
  onChange: (year: number | null) => void;
}) {
  // The text is kept apart from the value, so a half-typed year stays in the box.
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  return (
    <div className="field field-year">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        step={1}
        value={text}
        placeholder={props.placeholder}
        onChange={(event) => {
          const next = event.currentTarget.value;
          const year = Number(next);
          setText(next);
          // A year of under 4 digits is still being typed, so it filters nothing yet.
          props.onChange(next.length >= 4 && Number.isInteger(year) ? year : null);
        }}
      />
    </div>
  );
}
