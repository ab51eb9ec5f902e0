import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../../format';
import type { RatingCount } from '../../../worker/protocol';

/** Counts per rating value as a small bar chart. Pure: data in, SVG out. */
export const RatingHistogram = memo(function RatingHistogram({
  histogram,
}: {
  histogram: RatingCount[];
}) {
  return (
    <figure className="histogram" data-points={histogram.length}>
      <figcaption>Ratings per value</figcaption>
      <BarChart
        width={300}
        height={150}
        data={histogram}
        margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis dataKey="rating" tickLine={false} fontSize={11} />
        <YAxis
          width={44}
          tickLine={false}
          axisLine={false}
          fontSize={11}
          tickFormatter={compactCount}
        />
        <Tooltip
          formatter={(value) => [formatCount(Number(value)), 'Ratings']}
          labelFormatter={(label) => `Rating ${String(label)}`}
          cursor={{ fill: 'var(--hover)' }}
        />
        <Bar dataKey="count" fill="var(--series-1)" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
});

function compactCount(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 1_000) return `${Math.round(value / 1_000)}k`;
  return String(value);
}
