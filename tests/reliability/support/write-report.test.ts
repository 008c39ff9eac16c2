import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DOC_SKELETON,
  MATRIX_END,
  MATRIX_START,
  renderMatrix,
  spliceMatrix,
  writeReliabilityDoc,
  type ReportFile,
} from './write-report';

const files: ReportFile[] = [
  {
    file: 'a',
    generatedAt: '2026-01-01T00:00:00.000Z',
    database: 'PGlite',
    cases: [
      {
        group: 'Writes',
        name: 'charge × 500',
        runs: 3,
        doubleCharges: 0,
        missingFromLedger: 0,
        untruthfulViews: 0,
        outcomes: { failed: 3 },
        notes: 'a | b',
      },
      {
        group: 'Webhooks',
        name: 'dup',
        runs: 2,
        doubleCharges: 0,
        missingFromLedger: 1,
        untruthfulViews: 0,
        outcomes: { succeeded: 2 },
      },
    ],
  },
  {
    file: 'b',
    generatedAt: '2026-01-01T00:00:00.000Z',
    cases: [
      {
        group: 'Writes',
        name: 'refund × 408',
        runs: 3,
        doubleCharges: 0,
        missingFromLedger: 0,
        untruthfulViews: 0,
        outcomes: { failed: 2, succeeded: 1 },
      },
    ],
  },
];

const dir = mkdtempSync(path.join(tmpdir(), 'reliability-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reliability report', () => {
  it('renders one table per group across files, with totals and the failing cases named', () => {
    const text = renderMatrix(files);
    expect(text.match(/^### Writes$/gm)).toHaveLength(1);
    expect(text).toContain(
      '| case | runs | double charges | missing from ledger | untruthful views | outcomes | notes |',
    );
    expect(text).toContain('| charge × 500 | 3 | 0 | 0 | 0 | failed 3 | a \\| b |');
    expect(text).toContain(
      '| **total (2 cases)** | **6** | **0** | **0** | **0** | failed 5, succeeded 1 | |',
    );
    expect(text).toContain('| **all** | **3** | **8** | **0** | **1** | **0** |');
    expect(text).toMatch(/1 case\(s\) with a non-zero count.*Webhooks — dup/);
  });

  it('replaces only the text between the markers and keeps other sections', () => {
    const doc = `# Reliability\n\nintro\n\n${MATRIX_START}\nold table\n${MATRIX_END}\n\n## Soak\n\nhand-written\n`;
    const next = spliceMatrix(doc, 'new table');
    expect(next).toBe(
      `# Reliability\n\nintro\n\n${MATRIX_START}\nnew table\n${MATRIX_END}\n\n## Soak\n\nhand-written\n`,
    );
    expect(spliceMatrix(next, 'new table')).toBe(next);
  });

  it('creates the document with its introduction, or appends the markers to one without them', () => {
    const file = path.join(dir, 'docs', 'reliability.md');
    writeReliabilityDoc(file, files);
    const created = readFileSync(file, 'utf8');
    expect(created.startsWith(DOC_SKELETON.slice(0, DOC_SKELETON.indexOf(MATRIX_START)))).toBe(
      true,
    );
    expect(created).toContain('### Webhooks');

    writeFileSync(file, '# Reliability\n\n## Processes\n\nkept\n');
    const appended = writeReliabilityDoc(file, files);
    expect(appended).toMatch(/## Processes\n\nkept\n\n## Results\n\n<!-- matrix:start -->/);
    expect(appended.trimEnd().endsWith(MATRIX_END)).toBe(true);
  });
});
