/**
 * Returns a short, file-system-safe stem for names of files derived from a data set:
 * "ml-100k" for "ml-100k.zip/ml-100k/u.data" (the zip it came from), "u" for "u.data", and
 * "dataset" when nothing usable is left.
 */
export function datasetFileStem(datasetName: string): string {
  const zipAt = datasetName.search(/\.zip\//i);
  const source = zipAt >= 0 ? datasetName.slice(0, zipAt) : datasetName;
  const lastPart = source.split(/[\\/]/).pop() ?? source;
  const stem = lastPart
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  return stem === '' ? 'dataset' : stem;
}
