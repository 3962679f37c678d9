// Figure 3 (gate statistics): real `baseline: base` sessions of the full 2 x 5 matrix through the
// CLI, A/A (head == base) and A/B (head does 5% more allocations), then the product's own
// comparison code (src/compare.ts) re-judging those real samples: at other thresholds, with
// slowdowns injected by scaling head's wall times, and unpaired (as `baseline: cache` compares).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dockerArgs, runCli } from './containers.mjs';
import { importSrc } from './load-src.mjs';
import { log, median, tempDir, writeChurnTree } from './util.mjs';

export const RUNS = 10;
export const THRESHOLDS = [0.05, 0.02, 0];
export const SLOWDOWNS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20].map((p) => p / 100);
export const EXTRA_PERCENT = 5;
export const CHURN_OPERATIONS = '200000';
const RETRY_OFFSET = 1000;

const IDENTITY = [
  '-c',
  'user.name=bench',
  '-c',
  'user.email=bench@example.invalid',
  '-c',
  'commit.gpgsign=false',
];

function git(cwd, ...args) {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/**
 * A repository whose HEAD is the pull request's head, and a pull_request event naming its base.
 * A/A: one commit, base == head. A/B: head adds `extra` percent more allocations (the Makefile
 * that `writeTree(dir, extra)` writes).
 */
export function makeRepo(extra, writeTree = writeChurnTree) {
  const root = tempDir('repo');
  const dir = path.join(root, 'work');
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  writeTree(dir, 0);
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  if (extra > 0) {
    writeTree(dir, extra);
    git(dir, 'commit', '--quiet', '-am', `${extra}% more allocations`);
  }
  const headSha = git(dir, 'rev-parse', 'HEAD');
  const eventPath = path.join(root, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      pull_request: { number: 1, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha } },
      repository: { default_branch: 'main' },
    }),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  Object.assign(env, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath });
  return { root, dir, env };
}

export function sessionArgs(images, seed) {
  return [
    ...dockerArgs(images),
    '--setup',
    'make',
    '--runs',
    String(RUNS),
    '--threshold',
    '5%',
    '--baseline',
    'base',
    '--seed',
    String(seed),
    '--',
    './churn',
    CHURN_OPERATIONS,
  ];
}

export async function runSessions(label, count, images, extra, firstSeed) {
  const repo = makeRepo(extra);
  const sessions = [];
  const failures = [];
  try {
    for (let i = 0; i < count; i++) {
      log(`gate: ${label} session ${i + 1}/${count}`);
      const seed = firstSeed + i;
      try {
        const run = await runCli(sessionArgs(images, seed), {
          cwd: repo.dir,
          env: repo.env,
          okCodes: [0, 1],
        });
        if (!run.results.baseline?.paired)
          throw new Error(`no paired baseline: ${run.results.baseline?.unavailableReason}`);
        sessions.push({ seed, code: run.code, wallMs: run.wallMs, results: run.results });
      } catch (error) {
        failures.push(`seed ${seed}: ${error.message}`);
      }
    }
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
  if (sessions.length < 2)
    throw new Error(`${label}: fewer than 2 sessions succeeded (${failures.join('; ')})`);
  return { sessions, failures };
}

const keyOf = (c) => `${c.libc}/${c.allocator}`;

function side(results, tree) {
  return results.cells.filter((c) => c.tree === tree);
}

/** Rounds [0, RUNS) of a cell's measured runs, optionally shifted in round and scaled in wall time. */
function firstRounds(cell, { offset = 0, scale = 1 } = {}) {
  return cell.runs
    .filter((r) => r.kind === 'measured' && r.round >= 0 && r.round < RUNS)
    .map((r) => ({ ...r, round: r.round + offset, wallMs: r.wallMs * scale }));
}

function twin(cells, cell) {
  return cells.find((c) => c.libc === cell.libc && c.allocator === cell.allocator);
}

/**
 * Judges one trial exactly as the pipeline does with `runs: 10` and `retries: 1`: compare, then
 * give each inconclusive cell RUNS more rounds (taken from `retryHead`/`retryBase`) and compare
 * again. `scaleOf(key)` multiplies head's wall times (the injected slowdown). Returns the timing
 * comparisons.
 */
export function judgeTrial(code, t) {
  const { current, head, base, retryHead, retryBase, paired, scaleOf, threshold } = t;
  const build = (retry) => {
    const extend = (cells, retryCells, tree, scaled) =>
      cells.map((c) => {
        const scale = scaled ? scaleOf(keyOf(c)) : 1;
        let runs = firstRounds(c, { scale });
        const more = retry.has(keyOf(c)) && retryCells ? twin(retryCells, c) : undefined;
        if (more) runs = runs.concat(firstRounds(more, { offset: RETRY_OFFSET, scale }));
        return { ...c, tree, runs };
      });
    const heads = extend(head, retryHead, 'head', true);
    if (paired) return { cells: [...heads, ...extend(base, retryBase, 'base', false)] };
    return { cells: heads, baseline: { ...t.baseline, cells: extend(base, undefined, 'head', false) } };
  };
  const judge = (retry) =>
    code.compareResults({
      ...build(retry),
      environments: current.environments,
      host: current.host,
      paired,
      metric: 'wall',
      threshold,
      memoryThreshold: 0.1,
      minRuns: RUNS,
    });
  let comparisons = judge(new Set());
  const again = code.inconclusiveCells(comparisons);
  if (again.length > 0) comparisons = judge(new Set(again.map(keyOf)));
  return comparisons.filter((c) => c.metric === 'wall');
}

/** Trial i of a series of sessions, paired (same session) or unpaired (baseline from the next). */
export function trialOf(sessions, i, paired, { abBase = false } = {}) {
  const cur = sessions[i].results;
  const next = sessions[(i + 1) % sessions.length].results;
  if (paired) {
    return {
      current: cur,
      head: side(cur, 'head'),
      base: side(cur, 'base'),
      retryHead: side(next, 'head'),
      retryBase: side(next, 'base'),
      paired,
    };
  }
  // Unpaired: the baseline is a result stored by another run. A/A: that run's head (the same
  // code); A/B: that run's base. A re-run adds rounds of the same code in the same container as
  // head: A/A the session's own base tree; A/B the next session's head.
  return {
    current: cur,
    head: side(cur, 'head'),
    base: side(next, abBase ? 'base' : 'head'),
    baseline: next,
    retryHead: abBase ? side(next, 'head') : side(cur, 'base'),
    paired,
  };
}

function summarizeTrials(outcomes, target) {
  const n = outcomes.length;
  const any = outcomes.filter((o) => o.some((c) => c.verdict === 'regressed')).length;
  const comparable = outcomes.map((o) => o.filter((c) => c.verdict !== 'not-comparable'));
  const cellRate =
    comparable.reduce(
      (a, o) => a + o.filter((c) => c.verdict === 'regressed').length / Math.max(1, o.length),
      0,
    ) / n;
  const hit = target
    ? outcomes.filter((o, i) => o.find((c) => keyOf(c) === target[i])?.verdict === 'regressed').length
    : any;
  return { n, any, hit, cellRate };
}

/** Power curves: for each mode, threshold and slowdown, how many trials flagged a regression. */
function powerCurves(code, sessions) {
  const n = sessions.length;
  const keys = side(sessions[0].results, 'head')
    .filter((c) => c.status === 'ok')
    .map(keyOf);
  const curves = [];
  for (const paired of [true, false]) {
    for (const threshold of THRESHOLDS) {
      const points = SLOWDOWNS.map((s) => {
        const all = [];
        const one = [];
        const targets = [];
        for (let i = 0; i < n; i++) {
          const base = trialOf(sessions, i, paired);
          all.push(judgeTrial(code, { ...base, threshold, scaleOf: () => 1 + s }));
          const target = keys[i % keys.length];
          targets.push(target);
          one.push(judgeTrial(code, { ...base, threshold, scaleOf: (k) => (k === target ? 1 + s : 1) }));
        }
        return { slowdown: s, all: summarizeTrials(all), one: summarizeTrials(one, targets) };
      });
      curves.push({ paired, threshold, points });
    }
  }
  return { keys, curves };
}

/** The smallest slowdown from which every larger one on the grid is flagged in >= 95% of trials. */
export function smallestDetected(points, pick) {
  let best;
  for (let k = points.length - 1; k >= 0; k--) {
    const p = pick(points[k]);
    if (p.hit < Math.ceil(0.95 * p.n)) break;
    best = points[k].slowdown;
  }
  return best;
}

/** The real A/B sessions re-judged (no scaling) at each threshold, paired and unpaired. */
function realAB(code, sessions) {
  const out = [];
  for (const paired of [true, false]) {
    for (const threshold of THRESHOLDS) {
      const outcomes = sessions.map((_, i) =>
        judgeTrial(code, { ...trialOf(sessions, i, paired, { abBase: true }), threshold, scaleOf: () => 1 }),
      );
      const changes = outcomes.flatMap((o) => o.filter((c) => c.change !== undefined).map((c) => c.change));
      out.push({ paired, threshold, ...summarizeTrials(outcomes), medianChange: median(changes) });
    }
  }
  return out;
}

function productVerdicts(sessions) {
  return sessions.map((s) => {
    const timing = (s.results.comparisons ?? []).filter((c) => c.metric === 'wall');
    const rss = (s.results.comparisons ?? []).filter((c) => c.metric === 'rss');
    return {
      seed: s.seed,
      code: s.code,
      wallMs: s.wallMs,
      regressed: timing.filter((c) => c.verdict === 'regressed').length,
      inconclusive: timing.filter((c) => c.verdict === 'inconclusive').length,
      comparable: timing.filter((c) => c.verdict !== 'not-comparable').length,
      rssRegressed: rss.filter((c) => c.verdict === 'regressed').length,
      changes: timing.filter((c) => c.change !== undefined).map((c) => c.change),
    };
  });
}

export async function measureGate({ images, quick }) {
  const aaCount = quick ? 5 : 20;
  const abCount = quick ? 2 : 6;
  const aa = await runSessions('A/A', aaCount, images, 0, 1001);
  const ab = await runSessions(`A/B (+${EXTRA_PERCENT}% allocations)`, abCount, images, EXTRA_PERCENT, 2001);
  log('gate: judging trials');
  const code = await importSrc('analysis/compare.ts');
  return {
    quick,
    aa: { failures: aa.failures, product: productVerdicts(aa.sessions), ...powerCurves(code, aa.sessions) },
    ab: { failures: ab.failures, product: productVerdicts(ab.sessions), rejudged: realAB(code, ab.sessions) },
  };
}
