'use strict';

/**
 * Whether a server that stopped on its own is started again: yes, unless it has already been
 * restarted `limit` times within the last `windowMs` milliseconds, which means it stops at
 * once every time and restarting it again only repeats the failure.
 */
class RestartPolicy {
  constructor(limit = 4, windowMs = 3 * 60 * 1000) {
    this.limit = limit;
    this.windowMs = windowMs;
    /** @type {number[]} */
    this.restarts = [];
  }

  /** Record a stop at `now` (ms) and tell whether to restart. */
  shouldRestart(now) {
    this.restarts = this.restarts.filter((time) => now - time < this.windowMs);
    if (this.restarts.length >= this.limit) {
      return false;
    }
    this.restarts.push(now);
    return true;
  }
}

module.exports = { RestartPolicy };
