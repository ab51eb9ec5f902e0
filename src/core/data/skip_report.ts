import { MAX_LISTED_SKIPS, type SkipReport, type SkippedLine } from './dataset';

/** Maximum length of line content in a skip report or an error message, in UTF-16 code units. */
export const MAX_CONTENT_CHARS = 200;

/**
 * Collects skipped lines: the first `MAX_LISTED_SKIPS` with their reason and content, the rest
 * only counted. Readers check `wantsDetails` first, so that describing a bad line (the slow
 * path) happens at most `MAX_LISTED_SKIPS` times per file.
 */
export class SkipRecorder {
  private count = 0;
  private readonly first: SkippedLine[] = [];

  get wantsDetails(): boolean {
    return this.first.length < MAX_LISTED_SKIPS;
  }

  get size(): number {
    return this.count;
  }

  add(line: number, reason: string, content: string): void {
    this.count++;
    if (this.wantsDetails) this.first.push({ line, reason, content: displayContent(content) });
  }

  /** Counts a skipped line without details, for use once `wantsDetails` is false. */
  addCounted(): void {
    this.count++;
  }

  report(): SkipReport {
    return { count: this.count, first: this.first.map((skipped) => ({ ...skipped })) };
  }
}

/**
 * Cuts text to `MAX_CONTENT_CHARS` and writes control characters as `\xNN`, so that a binary
 * file's bytes cannot break a message or a table row.
 */
export function displayContent(text: string): string {
  const cut = text.length > MAX_CONTENT_CHARS ? `${text.slice(0, MAX_CONTENT_CHARS)}…` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (char) => {
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Summarises skipped lines in one sentence for the notes, e.g. `movies.csv: 2 lines skipped; line 5: ...`. */
export function describeSkips(fileName: string, report: SkipReport): string | null {
  if (report.count === 0) return null;

  const noun = report.count === 1 ? 'line' : 'lines';
  const first = report.first[0];
  const example = first ? `; line ${first.line}: ${first.reason}` : '';
  return `${fileName}: ${report.count} ${noun} skipped${example}.`;
}
