/**
 * Load generators with the same shape of result: autocannon against the HTTP server, and a closed
 * loop of N concurrent callers against a driver (the raw ceiling). Both keep every latency and compute
 * exact percentiles (autocannon's own summary has no p95). Every loop is bounded by time. And a
 * look at how busy the machine is, since other work on a 2-core machine skews every number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadStats {
  /** Completed operations that succeeded (2xx for HTTP). */
  ok: number;
  /** Failed operations (non-2xx answers, connection errors, thrown errors). */
  failed: number;
  /** HTTP requests with no answer within 10 s (an overloaded server rather than a broken one). */
  timeouts: number;
  durationS: number;
  rps: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  firstError?: string;
}

export function summarise(
  latencies: number[],
  durationS: number,
  failed: number,
  firstError?: string,
  timeouts = 0,
): LoadStats {
  const sorted = Float64Array.from(latencies).sort();
  const n = sorted.length;
  const at = (p: number) =>
    n === 0 ? 0 : (sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? 0);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    ok: n,
    failed,
    timeouts,
    durationS,
    rps: durationS > 0 ? n / durationS : 0,
    meanMs: n ? sum / n : 0,
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
    maxMs: n ? (sorted[n - 1] ?? 0) : 0,
    ...(firstError ? { firstError } : {}),
  };
}

/** One request of a load: a GET by default; writes give their method, body and headers. */
export interface LoadCall {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * Sends `next()` (a path to GET, or a whole request — POST with its body and headers, e.g. a fresh
 * Idempotency-Key each time) with `connections` keep-alive connections for `durationS` seconds
 * (autocannon: each connection sends its next request when the previous answer arrives). The
 * request's own headers are added to the defaults (the bearer token, JSON accepted).
 */
export async function httpLoad(o: {
  baseUrl: string;
  token: string;
  connections: number;
  durationS: number;
  nextPath?: () => string;
  next?: () => LoadCall;
}): Promise<LoadStats> {
  const next: () => LoadCall = o.next ?? (() => ({ path: (o.nextPath as () => string)() }));
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const instance = autocannon({
    url: o.baseUrl,
    connections: o.connections,
    duration: o.durationS,
    timeout: 10,
    headers: { authorization: `Bearer ${o.token}`, accept: 'application/json' },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const call = next();
          return {
            ...req,
            method: call.method ?? 'GET',
            path: call.path,
            ...(call.body !== undefined ? { body: call.body } : {}),
            ...(call.headers ? { headers: call.headers } : {}),
          };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else {
      failed++;
      firstError ??= `HTTP ${statusCode}`;
    }
  });
  const result = await instance;
  // autocannon counts a timeout as an error too.
  const connectionErrors = Math.max(0, result.errors - result.timeouts);
  if (connectionErrors > 0) firstError ??= `${connectionErrors} connection errors`;
  return summarise(latencies, result.duration, failed + connectionErrors, firstError, result.timeouts);
}

/**
 * `connections` callers, each running `op` again as soon as it returns, for `durationMs`; stops
 * early after 1 000 failures.
 */
export async function closedLoop(o: {
  connections: number;
  durationMs: number;
  op: () => Promise<unknown>;
}): Promise<LoadStats> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + o.durationMs;
  const caller = async () => {
    while (performance.now() < deadline && failed < 1_000) {
      const t0 = performance.now();
      try {
        await o.op();
        latencies.push(performance.now() - t0);
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, caller));
  return summarise(latencies, (performance.now() - started) / 1000, failed, firstError);
}

/** CPU jiffies of the whole machine from /proc/stat (Linux), or null elsewhere. */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU in use over the next `ms` (0–1), or null when it cannot be read. */
export async function cpuBusy(ms: number): Promise<number | null> {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  if (!a || !b || b.total <= a.total) return null;
  return (b.busy - a.busy) / (b.total - a.total);
}

/**
 * Waits (at most `maxWaitMs`) until the machine is quiet — less than `threshold` of its CPU busy
 * while the benchmark itself is idle, i.e. used by other processes — and returns that share.
 */
export async function waitForQuiet(
  maxWaitMs: number,
  threshold = 0.15,
  windowMs = 1_000,
): Promise<{ busy: number | null; waitedS: number }> {
  const started = performance.now();
  let busy = await cpuBusy(Math.min(windowMs, Math.max(250, maxWaitMs)));
  while (busy !== null && busy > threshold && performance.now() - started < maxWaitMs) {
    busy = await cpuBusy(windowMs);
  }
  return { busy, waitedS: (performance.now() - started) / 1000 };
}

/** utime + stime of one process, in the same jiffies as /proc/stat; 0 when it is gone. */
function processJiffies(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // fields 14 and 15 of proc(5)
  } catch {
    return 0;
  }
}

/** The processes of a PostgreSQL cluster: its postmaster (from postmaster.pid) and the postmaster's children. */
export function postgresPids(dataDir: string): number[] {
  try {
    const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n', 1)[0]);
    const pids = [postmaster];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === postmaster) pids.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
    return pids;
  } catch {
    return [];
  }
}

export interface CpuShare {
  /** The machine's CPU in use during the window (0–1). */
  machine: number;
  /** The part of it used by processes that are not the benchmark's (load generator, server, database). */
  others: number;
}

/**
 * Measures, over a window, how much of the machine's CPU went to processes other than `ours()`
 * (evaluated at the start and the end of the window): a number that says whether a result is clean.
 */
export function cpuWatch(ours: () => number[]): { stop(): CpuShare | null } {
  const pids = new Set(ours());
  const m0 = cpuTimes();
  const start = new Map([...pids].map((pid) => [pid, processJiffies(pid)]));
  return {
    stop() {
      for (const pid of ours()) if (!start.has(pid)) start.set(pid, 0);
      const m1 = cpuTimes();
      if (!m0 || !m1 || m1.total <= m0.total) return null;
      let ownDelta = 0;
      for (const [pid, before] of start) ownDelta += Math.max(0, processJiffies(pid) - before);
      const total = m1.total - m0.total;
      const busy = m1.busy - m0.busy;
      return { machine: busy / total, others: Math.max(0, busy - ownDelta) / total };
    },
  };
}
