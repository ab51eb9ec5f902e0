import { formatCount, formatMetric } from '../../format';
import type { RankingMetrics, RankingReport } from '../../../worker/protocol';

const COLUMNS: { key: keyof RankingMetrics; label: string }[] = [
  { key: 'precision', label: 'Precision' },
  { key: 'recall', label: 'Recall' },
  { key: 'ndcg', label: 'NDCG' },
  { key: 'hitRate', label: 'Hit rate' },
];

/**
 * Top-N ranking metrics of the model next to the most-popular baseline. Popularity often
 * wins on MovieLens, because the model is fitted to predict ratings, not to rank.
 */
export function RankingTable({ ranking }: { ranking: RankingReport }) {
  const rows: { key: string; name: string; metrics: RankingMetrics }[] = [
    { key: 'model', name: 'Latent factor model', metrics: ranking.model },
    { key: 'mostPopular', name: 'Baseline: most popular', metrics: ranking.mostPopular },
  ];
  const isPopularityBetter = ranking.mostPopular.ndcg > ranking.model.ndcg;

  return (
    <>
      {isPopularityBetter && (
        <p className="ranking-verdict">
          For top-{ranking.cutoff} lists, recommending the most popular movies beats this model
          (NDCG@{ranking.cutoff} {formatMetric(ranking.mostPopular.ndcg)} against{' '}
          {formatMetric(ranking.model.ndcg)}). The model is fitted to predict ratings, and it ranks
          movies with few ratings high; the explorer leaves out movies under a minimum number of
          ratings for this reason.
        </p>
      )}
      <table className="metrics-table" aria-label="Ranking metrics">
        <thead>
          <tr>
            <th scope="col">Top {ranking.cutoff}</th>
            {COLUMNS.map(({ key, label }) => (
              <th key={key} scope="col" className="num">
                {label}@{ranking.cutoff}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, metrics }) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              {COLUMNS.map((column) => (
                <td key={column.key} className="num" data-metric={`${key}-${column.key}`}>
                  {formatMetric(metrics[column.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Averaged over{' '}
        {ranking.eligibleUsers !== undefined && ranking.eligibleUsers > ranking.users
          ? `a random sample of ${formatCount(ranking.users)} of the ${formatCount(ranking.eligibleUsers)}`
          : `the ${formatCount(ranking.users)}`}{' '}
        users who have a test rating of {ranking.relevantMin} or more (those movies are the relevant
        ones). Each list ranks every movie the user did not rate in training.
      </p>
    </>
  );
}
