// Batches DOM work per animation frame: any number of changes between two frames give one
// pass, and each key (a tile) runs once per pass with its latest work. Pure apart from the
// frame scheduler it is given, so `node --test` can drive it.

/**
 * A batcher on `requestFrame` (requestAnimationFrame in the page). schedule(key, work) keeps the
 * last work per key; pending() tells whether a pass is due; flush() runs it now (the frame does).
 */
export function frameBatch(requestFrame = (fn) => globalThis.requestAnimationFrame(fn),
  cancelFrame = (id) => globalThis.cancelAnimationFrame(id)) {
  let work = new Map();
  let frame = null;

  function flush() {
    frame = null;
    const due = work;
    work = new Map();
    for (const run of due.values()) {
      run();
    }
  }

  return {
    schedule(key, run) {
      work.set(key, run);
      if (frame === null) {
        frame = requestFrame(flush);
      }
    },
    pending: () => frame !== null,
    flush() {
      if (frame !== null) {
        cancelFrame(frame);
      }
      flush();
    },
    clear() {
      if (frame !== null) {
        cancelFrame(frame);
      }
      frame = null;
      work = new Map();
    }
  };
}

/**
 * Paces a pass: request() runs `run` at once when the last run was at least `minMs` ago, else once
 * when that time is up, however many requests came meanwhile (the pass then shows the latest
 * state). A live board changing many times a second is redrawn at a pace people can read.
 */
export function pacer(minMs, run, { now = () => Date.now(), setTimer = (fn, ms) => setTimeout(fn, ms),
  clearTimer = (id) => clearTimeout(id) } = {}) {
  let last = Number.NEGATIVE_INFINITY;
  let timer = null;

  function fire() {
    timer = null;
    last = now();
    run();
  }

  return {
    request() {
      if (timer !== null) {
        return;
      }
      const wait = last + minMs - now();
      if (wait <= 0) {
        fire();
      } else {
        timer = setTimer(fire, wait);
      }
    },
    clear() {
      if (timer !== null) {
        clearTimer(timer);
      }
      timer = null;
    }
  };
}
