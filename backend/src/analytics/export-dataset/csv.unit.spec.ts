import { csvField, toCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('leaves plain fields alone and writes empty fields for missing values', () => {
    expect([
      csvField('abc'),
      csvField(42),
      csvField(-1.5),
      csvField(true),
      csvField(null),
      csvField(undefined),
    ]).toEqual(['abc', '42', '-1.5', 'true', '', '']);
  });

  it('quotes fields with commas, quotes or line breaks, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('joins lists with " | "', () => {
    expect(csvField(['Just Chatting', 'Elden Ring'])).toBe('Just Chatting | Elden Ring');
    expect(csvField(['a,b', 'c'])).toBe('"a,b | c"');
  });

  it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1 sub')).toBe("'+1 sub");
    expect(csvField('@everyone')).toBe("'@everyone");
    expect(csvField(-3)).toBe('-3');
  });

  it('writes a header and CRLF-terminated records in column order', () => {
    expect(
      toCsv(
        ['b', 'a'],
        [
          { a: 1, b: 'x' },
          { a: null, b: 'y,z' },
        ],
      ),
    ).toBe('b,a\r\nx,1\r\n"y,z",\r\n');
  });
});
