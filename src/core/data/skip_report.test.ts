import { describe, expect, it } from 'vitest';

import { MAX_LISTED_SKIPS } from './dataset';
import { describeSkips, displayContent, SkipRecorder } from './skip_report';

describe('SkipRecorder', () => {
  it('lists the first skips and counts all', () => {
    const recorder = new SkipRecorder();
    for (let line = 1; line <= 15; line++) {
      if (recorder.wantsDetails) recorder.add(line, 'bad', `line ${line}`);
      else recorder.addCounted();
    }

    const report = recorder.report();

    expect(report.count).toBe(15);
    expect(report.first.length).toBe(MAX_LISTED_SKIPS);
    expect(report.first[0]).toEqual({ line: 1, reason: 'bad', content: 'line 1' });
  });
});

describe('displayContent', () => {
  it('cuts long text', () => {
    expect(displayContent('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
  });

  it('escapes control characters but keeps tabs', () => {
    expect(displayContent('a\u0000b\tc\u001b')).toBe('a\\x00b\tc\\x1b');
  });
});

describe('describeSkips', () => {
  it('names the first skipped line', () => {
    const report = { count: 2, first: [{ line: 5, reason: 'bad id', content: 'x' }] };

    expect(describeSkips('movies.csv', report)).toBe(
      'movies.csv: 2 lines skipped; line 5: bad id.',
    );
  });

  it('returns null without skips', () => {
    expect(describeSkips('movies.csv', { count: 0, first: [] })).toBeNull();
  });
});
