import { formatCount, formatRatingsFormat, formatSeconds } from '../../format';
import type { DatasetSummary, SkipReport } from '../../../worker/protocol';
import { RatingHistogram } from './RatingHistogram';

/** How many skipped lines are listed before "and N more". */
const LISTED_SKIPS = 5;

/** Shows what was read: format, counts, scale, histogram, and every problem the reader found. */
export function DatasetSummaryView({ summary }: { summary: DatasetSummary }) {
  const { scale } = summary;
  const cells = summary.users * summary.items;
  const density = cells > 0 ? summary.ratings / cells : 0;

  return (
    <section className="dataset-summary" aria-label="Dataset summary">
      <div className="dataset-title">
        <h3>{summary.name}</h3>
        {summary.synthetic && (
          <span className="badge badge-synthetic" title="Generated in the browser, not MovieLens">
            Synthetic
          </span>
        )}
      </div>

      <div className="dataset-body">
        <dl className="facts facts-wide">
          <dt>Format</dt>
          <dd>{formatRatingsFormat(summary.format)}</dd>
          <dt>Ratings</dt>
          <dd className="num">{formatCount(summary.ratings)}</dd>
          <dt>Users</dt>
          <dd className="num">{formatCount(summary.users)}</dd>
          <dt>Movies</dt>
          <dd className="num">{formatCount(summary.items)}</dd>
          <dt>Density</dt>
          <dd className="num">{(100 * density).toFixed(2)}% of user × movie pairs</dd>
          <dt>Rating scale</dt>
          <dd>
            {scale.min} to {scale.max}, step {scale.step}
          </dd>
          <dt>Duplicates</dt>
          <dd>
            {summary.duplicates === 0
              ? 'none'
              : `${formatCount(summary.duplicates)} repeated user–movie pairs (the later rating was kept)`}
          </dd>
          <dt>Movie titles</dt>
          <dd>{summary.hasMovies ? 'loaded' : 'none: the explorer shows movie ids'}</dd>
          <dt>User profiles</dt>
          <dd>{summary.hasUserProfiles ? 'loaded' : 'none'}</dd>
          <dt>Files</dt>
          <dd>{summary.files.length > 0 ? summary.files.join(', ') : 'none (generated)'}</dd>
          {summary.readSeconds !== undefined && (
            <>
              <dt>Read in</dt>
              <dd className="num" data-testid="read-seconds">
                {formatSeconds(summary.readSeconds)}
              </dd>
            </>
          )}
        </dl>
        <RatingHistogram histogram={summary.histogram} />
      </div>

      <SkippedLines skipped={summary.skipped} />

      {summary.notes.length > 0 && (
        <div className="dataset-notes">
          <h4>Notes</h4>
          <ul>
            {summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function SkippedLines({ skipped }: { skipped: SkipReport }) {
  if (skipped.count === 0) return <p className="muted">Skipped lines: none.</p>;

  const listed = skipped.first.slice(0, LISTED_SKIPS);
  const more = skipped.count - listed.length;
  return (
    <div className="skipped">
      <h4>Skipped lines: {formatCount(skipped.count)}</h4>
      <ul>
        {listed.map((line) => (
          <li key={line.line}>
            <span className="skip-line">Line {line.line}</span> {line.reason}
            {line.content !== '' && <code className="skip-content">{line.content}</code>}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">and {formatCount(more)} more</p>}
    </div>
  );
}
