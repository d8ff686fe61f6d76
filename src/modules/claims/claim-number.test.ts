import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { claimNumber } from './claim-number.ts';

describe('the claim number people see instead of the stored reference', () => {
  const cases: Array<[string, string, string]> = [
    ['a random id: its last eight letters and digits', 'c197a3f2-0b5e-4d61-9a8c-3e1f7f3a9b21', 'C-7F3A-9B21'],
    ['ids made in order differ at the end, so their numbers do too', '636c6d5f-c0c0-4000-8000-000000000015', 'C-0000-0015'],
    ['the next one', '636c6d5f-c0c0-4000-8000-000000000016', 'C-0000-0016'],
    ['a short id is filled out with zeros', 'c1', 'C-0000-00C1'],
  ];
  for (const [name, id, number] of cases) test(name, () => assert.equal(claimNumber(id), number));

  test('property: any id gives C- and two groups of four letters or digits', () => {
    fc.assert(fc.property(fc.oneof(fc.uuid(), fc.string()), (id) => assert.match(claimNumber(id), /^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/)));
  });

  test('property: ids that differ in their last eight digits have different numbers', () => {
    const tail = fc.stringMatching(/^[0-9a-f]{8}$/);
    fc.assert(
      fc.property(fc.uuid(), tail, tail, (id, a, b) => {
        fc.pre(a !== b);
        assert.notEqual(claimNumber(id.slice(0, -8) + a), claimNumber(id.slice(0, -8) + b));
      }),
    );
  });
});
