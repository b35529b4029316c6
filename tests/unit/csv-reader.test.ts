import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../core/csv/encounter-csv';
import { CsvReader, CsvSyntaxError } from '../../core/csv/reader';

const readAll = (text: string, cuts: number[] = []) => {
  const r = new CsvReader();
  const out = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    out.push(...r.push(text.slice(from, c)));
    from = c;
  }
  out.push(...r.push(text.slice(from)), ...r.end());
  return out;
};

describe('CsvReader (RFC 4180, streaming)', () => {
  it('reads back what csvLine wrote, however the text is cut into chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', 'é', '😀') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(200), { maxLength: 6 }),
        (rows, cuts) => {
          const text = rows.map((r) => csvLine(r)).join('');
          const got = readAll(
            text,
            cuts.map((c) => c % (text.length + 1)),
          );
          expect(got.map((g) => g.cells)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers records by the line they start on (CRLF, LF, CR, breaks inside quotes, blank lines)', () => {
    const text = '\ufeffa,b\r\n1,"x\r\ny"\n\n2,3\r4,"p\nq\r\nr"\n5,6';
    expect(readAll(text)).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['1', 'x\r\ny'], line: 2 },
      { cells: ['2', '3'], line: 5 },
      { cells: ['4', 'p\nq\r\nr'], line: 6 },
      { cells: ['5', '6'], line: 9 },
    ]);
    // The same with a chunk boundary between the CR and LF inside the quoted cell.
    expect(readAll(text, [text.indexOf('x\r') + 2])).toEqual(readAll(text));
  });

  it('keeps a quote inside an unquoted cell; refuses text after a closing quote and an unclosed quote', () => {
    expect(readAll('5" screen,b\n')[0]!.cells).toEqual(['5" screen', 'b']);
    expect(() => readAll('"a"b,c\n')).toThrow(CsvSyntaxError);
    expect(() => readAll('a,"never closed\n\n')).toThrow(/starting on line 1 is never closed/);
  });
});
