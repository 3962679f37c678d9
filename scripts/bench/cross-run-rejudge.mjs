// Judges the runs kept by `cross-run.mjs --keep DIR` again with this checkout's gate, without
// measuring anything: the same measured heads against the same stored runs, so that two versions
// of the cross-run rules can be compared on identical data. Prints one line per head and the
// step failures per kind (aa5, aa1, ab5), with and without dividing by the probe, and how many
// timing verdicts (cells and all cells together) claimed something the head contradicts: a change
// (🔴 or 🟢) of same-code heads, ✅ or 🟢 of the heads with more work; and how many were 🟡
// because a cell's threads ran another way than in the stored runs.
//
// Usage: node scripts/bench/cross-run-rejudge.mjs DIR [--history K]
//   DIR holds one folder per workload (1t, 2t) with the heads and a stored/ folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importSrc } from './load-src.mjs';

const { values, positionals } = parseArgs({
  options: { history: { type: 'string', default: '5' } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  process.stderr.write('usage: node scripts/bench/cross-run-rejudge.mjs DIR [--history K]\n');
  process.exit(2);
}
const { compareResults } = await importSrc('analysis/compare.ts');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Whether the timing gate would fail the step: a cell's time or all cells together regressed. */
function judge(head, stored, metric, normalize) {
  const judged = compareResults({
    cells: head.cells,
    environments: head.environments,
    host: head.host,
    ...(head.probe ? { probe: head.probe } : {}),
    history: stored,
    paired: false,
    metric,
    // The bench runs the CLI's defaults: threshold 5%, runs: auto with min-runs 10.
    threshold: 0.05,
    memoryThreshold: head.config.memoryThreshold,
    minRuns: head.sizing?.minRuns ?? 10,
    looks: 1,
    normalize,
  });
  const failed =
    judged.comparisons.some((c) => c.metric !== 'rss' && c.verdict === 'regressed') ||
    judged.matrix?.verdict === 'regressed';
  return { failed, judged };
}

const root = path.resolve(positionals[0]);
for (const workload of readdirSync(root).sort()) {
  const dir = path.join(root, workload);
  const stored = readdirSync(path.join(dir, 'stored'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ results: readJson(path.join(dir, 'stored', f)), source: f }))
    .sort((a, b) => Date.parse(b.results.finishedAt) - Date.parse(a.results.finishedAt));
  const counts = {};
  const claims = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const [kind, metric] = file.split('-');
    const head = readJson(path.join(dir, file));
    const history = stored.slice(0, kind === 'aa1' ? 1 : Number(values.history));
    const line = [`${workload} ${file}`];
    for (const normalize of [false, true]) {
      const { failed, judged } = judge(head, history, metric, normalize);
      const key = `${kind} ${metric}${normalize ? ' ÷ probe' : ''}`;
      counts[key] = counts[key] ?? { failed: 0, n: 0 };
      counts[key].failed += failed ? 1 : 0;
      counts[key].n += 1;
      const m = judged.matrix;
      const verdicts = [...judged.comparisons.filter((c) => c.metric !== 'rss'), ...(m ? [m] : [])];
      // Same code may not be claimed to have changed; more work may not be claimed not to have.
      const wrong = kind.startsWith('aa') ? ['regressed', 'improved'] : ['unchanged', 'improved'];
      claims[key] = claims[key] ?? { wrong: 0, threads: 0, n: 0 };
      claims[key].wrong += verdicts.filter((c) => wrong.includes(c.verdict)).length;
      claims[key].threads += verdicts.filter((c) => /cores busy against/.test(c.reason ?? '')).length;
      claims[key].n += verdicts.length;
      const change = m?.change === undefined ? '—' : `${(m.change * 100).toFixed(1)}%`;
      line.push(
        `${normalize ? '÷ probe' : 'raw'}: ${failed ? 'FAIL' : 'pass'} (all cells ${change} ${m?.verdict})`,
      );
    }
    const factor = head.baseline?.machineFactor;
    console.log(`${line.join(' · ')}${factor === undefined ? '' : ` · probe ${(factor * 100).toFixed(1)}%`}`);
  }
  for (const [key, c] of Object.entries(counts)) {
    const v = claims[key];
    console.log(
      `${workload} ${key}: ${c.failed} of ${c.n} failed · wrong claims ${v.wrong} of ${v.n} verdicts · 🟡 for threads ${v.threads}`,
    );
  }
}
