// Polling and bounded retries for browser tests: wait for a condition instead of sleeping.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first truthy value of `check()` (sync or async), or throws after `timeout`. */
export async function waitFor(check, { timeout = 5000, interval = 25, what = 'a condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(interval);
  }
}

/**
 * Runs `fn(attempt)` up to `attempts` times; logs why each failed attempt failed. An error with
 * `retryable === false` ends the attempts at once.
 */
export async function retry(fn, { attempts = 3, log = () => {} } = {}) {
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (err) {
      lastError = err;
      log(`attempt ${attempt} of ${attempts} failed: ${err.message}`);
      if (err.retryable === false) break;
    }
  }
  throw lastError;
}
