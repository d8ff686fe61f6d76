import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTranslator } from '../../platform/i18n.ts';
import { participationModel } from './report-model.ts';
import { nhsDigitalRule } from '../../platform/small-numbers.ts';

const t = makeTranslator('en');
const taking = (people: number, minutes: number) => ({ people, minutes });

test('a hidden group count hides its hours as "not shown", never "fewer than 8" hours', () => {
  const model = participationModel(
    {
      meetings: 4,
      everyone: taking(40, 4800),
      byGroup: {
        'draws-on-care': taking(20, 2400),
        carer: taking(3, 360),
        'family-community': taking(10, 1200),
        'staff-partners': taking(10, 1200),
      },
    },
    nhsDigitalRule,
    t,
    'p',
  );
  const carers = model.rows.find((r) => r.label === t('impact:group.carer'))!;
  assert.deepEqual(carers.values, ['fewer than 8', 'not shown']);
});

test('a figure that starts a sentence starts with a capital letter', () => {
  const text = t('impact:charts.people.description', { total: 'fewer than 8', largest: '' });
  assert.match(text, /^Fewer than 8 people took part/);
  assert.match(
    t('impact:summary.meetings', { count: 2, people: 'fewer than 8 people', hours: '3 hours' }),
    /held\. Fewer than 8 people took part/,
  );
});
