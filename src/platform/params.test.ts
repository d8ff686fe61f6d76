import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { NotFound } from './errors.ts';
import { urlIds } from './params.ts';

const request = (params: unknown) => ({ params }) as FastifyRequest;
const a = '0b7f3c52-5a39-4f0e-9b7d-2d1f6c1e8a10';
const b = '6a1d4e0c-93c2-4c1b-8f7e-0e5b2d9c4f31';

test('reads every named id when each is a UUID', () => {
  assert.deepEqual(urlIds('id')(request({ id: a })), { id: a });
  assert.deepEqual(urlIds('id', 'receiptId')(request({ id: a, receiptId: b })), { id: a, receiptId: b });
});

const notIds: Array<[string, unknown]> = [
  ['a word', { id: 'not-an-id' }],
  ['nothing', {}],
  ['no params at all', undefined],
  ['a number', { id: 12 }],
  ['a UUID with something after it', { id: `${a}x` }],
  ['one of two missing', { id: a }],
  ['one of two wrong', { id: a, receiptId: '../../etc/passwd' }],
];
for (const [name, params] of notIds) {
  test(`anything else is "not found": ${name}`, () => {
    assert.throws(() => urlIds('id', 'receiptId')(request(params)), NotFound);
  });
}
