'use strict';
const assert = require('node:assert/strict');
const test = require('node:test');
const { RestartPolicy } = require('../src/crashes');

test('a server that keeps stopping is restarted four times, then left stopped', () => {
  const policy = new RestartPolicy();
  const answers = [0, 1000, 2000, 3000, 4000].map((now) => policy.shouldRestart(now));
  assert.deepEqual(answers, [true, true, true, true, false]);
});

test('stops spread over more than three minutes are always restarted', () => {
  const policy = new RestartPolicy();
  for (let minute = 0; minute < 20; minute += 1) {
    assert.equal(policy.shouldRestart(minute * 60 * 1000), true, `minute ${minute}`);
  }
  // Once the window has passed, a server that was given up on gets new chances.
  const burst = new RestartPolicy();
  [0, 1, 2, 3].forEach((now) => burst.shouldRestart(now));
  assert.equal(burst.shouldRestart(10), false);
  assert.equal(burst.shouldRestart(3 * 60 * 1000 + 4), true);
});
