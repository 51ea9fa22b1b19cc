// The reader of a stdin that is not a terminal (src/cli/stdin-feed.ts pollingFeed): it reads on the run's own thread,
// never more than lets RING (4,096) bytes wait for the guest, so a guest that reads nothing does not make a run queue
// /dev/zero without bound. Run in a child process whose fd 0 is /dev/zero.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const FEED = fileURLToPath(new URL('../../src/cli/stdin-feed.ts', import.meta.url));

test('stdin that is not a terminal: read between slices, at most what lets 4,096 bytes wait, every 10 ms at most', () => {
  const script = `
    import { stdinFeed } from ${JSON.stringify(FEED)};
    const feed = stdinFeed();
    const sleep = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15);
    const sizes = [feed.take(0).bytes.length, feed.take(0).bytes.length]; // the second within 10 ms of the first
    sleep(); sizes.push(feed.take(4096).bytes.length); // nothing more while 4,096 wait
    sleep(); sizes.push(feed.take(4000).bytes.length);
    feed.close();
    console.log(JSON.stringify(sizes));`;
  const zero = openSync('/dev/zero', 'r');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [4096, 0, 0, 96]);
  } finally {
    closeSync(zero);
  }
});
