import { undescribedNumbers } from './undescribed-numbers.js';

describe('undescribedNumbers', () => {
  test('names numeric properties (also nullable, integer and arrays of numbers) that have no description', () => {
    const document = {
      components: {
        schemas: {
          Card: {
            properties: {
              views: { type: 'number' },
              peak: { type: ['integer', 'null'] },
              series: { type: 'array', items: { type: 'number' } },
              hours: { type: 'number', description: 'Hours streamed: Σ airtime, in hours' },
              title: { type: 'string' },
            },
          },
          Extended: { allOf: [{ $ref: '#/components/schemas/Card' }, { properties: { gained: { type: 'number' } } }] },
        },
      },
    };
    expect(undescribedNumbers(document)).toEqual(['Card.peak', 'Card.series', 'Card.views', 'Extended.gained']);
  });
});
