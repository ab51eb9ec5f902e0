/** One CSV field value; null and undefined become an empty field. */
export type CsvValue = string | number | null | undefined;

/**
 * Formats one field as RFC 4180 requires: a field that contains a comma, a double quote, a
 * CR or an LF is enclosed in double quotes, and each double quote inside is doubled.
 * Leading or trailing spaces are kept as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins fields into one record, without the line break. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** Formats a whole CSV file: the header and the records, each ended by CRLF as RFC 4180 specifies. */
export function toCsv(header: readonly string[], records: Iterable<readonly CsvValue[]>): string {
  const lines = [csvRecord(header)];
  for (const record of records) lines.push(csvRecord(record));
  return `${lines.join('\r\n')}\r\n`;
}

/** Integers as they are, other numbers with up to 6 significant decimals; NaN as empty. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(7)));
}
