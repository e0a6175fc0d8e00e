// Injected into both knn bench pages (the deck and the bare three.js floor)
// before their own scripts, so both draw the same points and are timed the
// same way. Plain JS: it runs as written.
(() => {
  if (window !== window.top) return;
  const PHASES = ['clean', 'armed', 'infecting', 'infected_running', 'dormant'];
  const CLUSTERS = 20;

  /** `n` embedding events: 20 Gaussian clusters in the unit cube, seeded, so every page gets the same. */
  globalThis.__knnPoints = (n, seed = 1) => {
    let s = seed;
    const random = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
    const clamp = (v) => Math.min(1, Math.max(0, v));
    const centres = Array.from({ length: CLUSTERS }, () => [
      0.15 + 0.7 * random(),
      0.15 + 0.7 * random(),
      0.15 + 0.7 * random(),
    ]);
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(random() * CLUSTERS);
      const [x, y, z] = centres[c];
      const phase = PHASES[c % PHASES.length];
      out[i] = {
        type: 'embedding',
        x: clamp(x + 0.06 * normal()),
        y: clamp(y + 0.06 * normal()),
        z: clamp(z + 0.06 * normal()),
        phase,
        predicted: random() < 0.9 ? phase : PHASES[(c + 1) % PHASES.length],
        cluster: c,
      };
    }
    return out;
  };

  /** Animation frame timestamps over `ms`, or longer (up to 2 × `ms`) until there are `minFrames`. */
  globalThis.__knnFrames = (ms, minFrames = 0) =>
    new Promise((done) => {
      const stamps = [];
      let t0;
      const loop = (t) => {
        t0 ??= t;
        stamps.push(t);
        const enough = t - t0 >= ms && (stamps.length >= minFrames || t - t0 >= 2 * ms);
        if (enough) done(stamps);
        else requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });

  /**
   * Inserts points from `pool` once per animation frame through `insert`,
   * growing the batch while the median of five frames comes within 0.9 ×
   * `budgetMs` and shrinking it past `budgetMs`, so the rate settles where the page still
   * draws a frame per budget (33 ms: 30 a second). Counts points and frames
   * over `ms` after `warmupMs`.
   *
   * The batch doubles until the first frame past 0.9 × the budget, then moves
   * in steps of a tenth. With frames of 100 ms (SwiftShader) a page makes
   * about two decisions a second: growing by 1.3 from 200 points took the
   * whole run to get near the level, so the rate followed how far the batch
   * had grown, and two pages whose cost differed a little ended whole 1.3×
   * steps apart.
   */
  globalThis.__knnInsert = (insert, pool, warmupMs, ms, budgetMs = 33) =>
    new Promise((done) => {
      let batch = 200;
      /** Doubling until the first frame past 0.9 × the budget; from then on, steps of a tenth. */
      let rising = true;
      let next = 0;
      let last;
      let started;
      let from;
      let inserted = 0;
      const stamps = [];
      const recent = [];
      const step = (t) => {
        started ??= t;
        if (last !== undefined) {
          // Decide on the median of five frames: one late frame is noise, not a trend.
          recent.push(t - last);
          if (recent.length === 5) {
            const dt = recent.sort((a, b) => a - b)[2];
            recent.length = 0;
            if (dt <= 0.9 * budgetMs) batch = Math.min(batch * (rising ? 2 : 1.1), 100_000);
            else {
              if (dt > budgetMs) batch = Math.max(20, batch * (rising ? 0.5 : 0.9));
              rising = false;
            }
          }
        }
        last = t;
        if (from === undefined && t - started >= warmupMs) from = t;
        if (from !== undefined) {
          stamps.push(t);
          if (t - from >= ms) {
            done({ inserted, seconds: (t - from) / 1000, stamps, batch: Math.round(batch) });
            return;
          }
        }
        const n = Math.round(batch);
        const events = new Array(n);
        for (let k = 0; k < n; k++) events[k] = pool[(next + k) % pool.length];
        next = (next + n) % pool.length;
        insert(events);
        if (from !== undefined) inserted += n;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });

  /**
   * Insert throughput without the frame clock: `rounds` batches of `batch`
   * points from `pool`, each inserted (awaited) and drawn with the GPU waited
   * for, timed end to end; returns points per second.
   */
  globalThis.__knnThroughput = async (insert, draw, pool, batch, rounds) => {
    let next = 0;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      const events = new Array(batch);
      for (let k = 0; k < batch; k++) events[k] = pool[(next + k) % pool.length];
      next = (next + batch) % pool.length;
      await insert(events);
      draw();
    }
    return (batch * rounds * 1000) / (performance.now() - t0);
  };
})();
