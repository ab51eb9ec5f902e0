/**
 * Smooths a series with a debiased exponential moving average, the scheme TensorBoard's
 * smoothing slider uses:
 *
 *   m_t = weight * m_(t-1) + (1 - weight) * x_t,   m_0 = 0,   s_t = m_t / (1 - weight^n_t)
 *
 * where n_t counts the finite values so far. The division removes the pull towards zero
 * that starting from m_0 = 0 would give the first points. `weight` 0 returns the values
 * unchanged. A NaN or infinite value stays as it is in the output and does not enter the average.
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) {
    throw new RangeError(`smoothEma: weight must be in [0, 1), got ${weight}.`);
  }
  if (weight === 0) return [...values];

  let average = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    average = weight * average + (1 - weight) * value;
    count += 1;
    return average / (1 - weight ** count);
  });
}
