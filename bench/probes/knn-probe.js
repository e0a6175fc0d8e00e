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
   * The insert rate a page sustains within a frame budget, on a fixed ladder
   * of batch sizes: for each size in `sizes` (ascending), a batch from `pool`
   * through `insert` once per animation frame, `warmupMs` unmeasured and then
   * `ms` measured — the median frame interval and the points per second it
   * took. It climbs while the median frame stays within `budgetMs` and stops
   * at the first size past it. The rate is the best of the sizes within the
   * budget (0 when none is).
   *
   * Fixed sizes, not a controller that grows and shrinks the batch: with
   * frames of 100–150 ms (SwiftShader) a controller makes about two decisions
   * a second, so one slow stretch on a shared machine halved a page's batch
   * for the rest of the run, and the same page settled 50× apart run to run.
   */
  globalThis.__knnLadder = async (insert, pool, sizes, warmupMs, ms, budgetMs) => {
    let next = 0;
    const steps = [];
    let best = { batch: 0, rate: 0, stamps: [] };
    for (const batch of sizes) {
      const stamps = await new Promise((done) => {
        let started;
        const measured = [];
        const step = (t) => {
          started ??= t;
          if (t - started >= warmupMs) measured.push(t);
          if (measured.length > 1 && measured[measured.length - 1] - measured[0] >= ms) {
            done(measured);
            return;
          }
          const events = new Array(batch);
          for (let k = 0; k < batch; k++) events[k] = pool[(next + k) % pool.length];
          next = (next + batch) % pool.length;
          insert(events);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      const gaps = stamps
        .slice(1)
        .map((t, i) => t - stamps[i])
        .sort((a, b) => a - b);
      const median = gaps[gaps.length >> 1];
      // Points inserted between the first and last measured frames: one batch a frame.
      const rate = (batch * gaps.length * 1000) / (stamps[stamps.length - 1] - stamps[0]);
      steps.push({ batch, median, rate });
      if (median > budgetMs) break;
      if (rate > best.rate) best = { batch, rate, stamps };
    }
    return { steps, ...best };
  };

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
