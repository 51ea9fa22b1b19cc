// Dispatch strategies for the run loop (`npx tsx bench/dispatch.ts`): the same four 64-bit register operations
// dispatched (1) by an inline switch, (2) through an array of functions (one megamorphic call site), (3) by a
// generated switch of direct calls — what src/cpu/run-loop.ts does inside its loop. Prints M operations per second.
const X = new BigUint64Array(64);
const ops = new Uint8Array(1024).map((_, i) => (i * 7) & 3);
const fns = [
  (r: BigUint64Array) => { r[1] = r[1]! + r[2]!; },
  (r: BigUint64Array) => { r[3] = r[3]! ^ r[1]!; },
  (r: BigUint64Array) => { r[4] = r[4]! - r[3]!; },
  (r: BigUint64Array) => { r[5] = r[5]! + 1n; },
];
const generated = new Function(
  ...fns.map((_, i) => `h${i}`),
  `return function dispatch(r, k) { switch (k) { ${fns.map((_, i) => `case ${i}: h${i}(r); return;`).join(' ')} } };`,
)(...fns) as (r: BigUint64Array, k: number) => void;

function measure(name: string, body: () => void): void {
  let best = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < 100_000; i++) body();
    const t = process.cpuUsage(t0);
    best = Math.max(best, (100_000 * ops.length) / (t.user + t.system));
  }
  console.log(`${name.padEnd(36)} ${best.toFixed(0).padStart(5)} M ops per CPU-second`);
}

measure('inline switch', () => {
  for (let i = 0; i < ops.length; i++) {
    switch (ops[i]) {
      case 0: X[1] = X[1]! + X[2]!; break;
      case 1: X[3] = X[3]! ^ X[1]!; break;
      case 2: X[4] = X[4]! - X[3]!; break;
      default: X[5] = X[5]! + 1n;
    }
  }
});
measure('array of functions (megamorphic)', () => {
  for (let i = 0; i < ops.length; i++) fns[ops[i]!]!(X);
});
measure('generated switch of direct calls', () => {
  for (let i = 0; i < ops.length; i++) generated(X, ops[i]!);
});
