// The collapsed sections at the bottom of the report: full statistics of every cell, the
// environments and allocator libraries, the run settings with the command that reproduces the run,
// and the output of failed runs. They are the first things dropped when the comment is too long.
import type { CellResult, Command, MetricName, Results, Summary } from '../results/model.js';
import { escapeInline, fenceUntrusted } from './escape.js';
import { formatCount, formatDuration, formatMemory } from './format.js';
import { firstFailedRun, statusLabel } from './grid.js';
import { isSuccessfulMeasured, median } from '../analysis/stats.js';
import { describeFailure } from '../results/runs.js';
import { placeLabel } from '../results/arch.js';
import { installHint } from './reproduce.js';
import { allocatorEnvironment } from '../config/allocators.js';
import { runsDetail } from './sizing.js';

/** How much of a failed run's output is quoted: enough for the last lines, short enough for many cells. */
export const OUTPUT_TAIL_CHARS = 600;

export function detailsBlock(summary: string, body: string): string {
  // Blank lines around the body let GitHub render markdown inside the HTML block.
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

const STAT_METRICS: readonly { metric: MetricName; title: string }[] = [
  { metric: 'wall', title: 'wall' },
  { metric: 'cpu', title: 'CPU' },
  { metric: 'rss', title: 'peak RSS' },
];

function formatterFor(metric: MetricName): (v: number) => string {
  return metric === 'rss' ? formatMemory : formatDuration;
}

function cellName(results: Results, cell: CellResult, withTree: boolean): string {
  const tree = withTree ? ` (${cell.tree})` : '';
  return `${placeLabel(results, cell)} / ${escapeInline(cell.allocator, 60)}${tree}`;
}

function statsRow(
  name: string,
  title: string,
  s: Summary,
  fmt: (v: number) => string,
  failedRuns: number,
): string {
  const values = [
    String(s.n),
    fmt(s.median),
    fmt(s.mean),
    fmt(s.stddev),
    fmt(s.min),
    fmt(s.max),
    fmt(s.mad),
    `${fmt(s.ci95[0])} – ${fmt(s.ci95[1])}`,
    String(s.outliers.length),
    String(failedRuns),
  ];
  return `| ${name} | ${title} | ${values.join(' | ')} |`;
}

export function statisticsDetails(results: Results): string {
  const withTree = results.cells.some((c) => c.tree === 'base');
  const rows: string[] = [];
  for (const cell of results.cells) {
    const name = cellName(results, cell, withTree);
    if (!cell.summary) {
      const status = escapeInline(statusLabel(cell, results.config.runs), 160);
      rows.push(
        `| ${[name, '—', status, ...Array<string>(8).fill(''), String(cell.failedRuns)].join(' | ')} |`,
      );
      continue;
    }
    for (const { metric, title } of STAT_METRICS) {
      rows.push(statsRow(name, title, cell.summary[metric], formatterFor(metric), cell.failedRuns));
    }
  }
  const table = [
    '| cell | metric | n | median | mean | sd | min | max | MAD | 95% CI of median | outliers | failed runs |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const note = '_Outliers have a modified z-score above 3.5; they are flagged and kept in the statistics._';
  const counters = countersTable(results, withTree);
  const leftovers = leftoverNote(results, withTree);
  return detailsBlock(
    'Statistics of every cell',
    [table, note, ...(leftovers ? [leftovers] : []), ...(counters ? [counters] : [])].join('\n\n'),
  );
}

/** Cells whose runs left processes running after they ended (killed by the helper), if any. */
export function leftoverNote(results: Results, withTree: boolean): string | undefined {
  const parts = results.cells.flatMap((cell) => {
    const runs = cell.runs.filter((r) => (r.leftoverProcesses ?? 0) > 0);
    if (runs.length === 0) return [];
    const total = runs.reduce((sum, r) => sum + (r.leftoverProcesses ?? 0), 0);
    const processes = `${formatCount(total)} process${total === 1 ? '' : 'es'}`;
    return [`${cellName(results, cell, withTree)}: ${processes} after ${countOf(runs.length, 'run')}`];
  });
  if (parts.length === 0) return undefined;
  return `_Processes left running after a run ended were killed before the next one: ${parts.join('; ')}._`;
}

/**
 * Medians of wait4's minor page faults and context switches over the successful measured runs:
 * counts that move less with machine noise than wall time. Absent when no run reported them.
 */
function countersTable(results: Results, withTree: boolean): string | undefined {
  const rows: string[] = [];
  for (const cell of results.cells) {
    const runs = cell.runs.filter((r) => isSuccessfulMeasured(r) && r.minorFaults !== undefined);
    if (runs.length === 0) continue;
    const faults = median(runs.map((r) => r.minorFaults ?? 0));
    const voluntary = median(runs.map((r) => r.voluntarySwitches ?? 0));
    const involuntary = median(runs.map((r) => r.involuntarySwitches ?? 0));
    const values = [faults, voluntary, involuntary].map((v) => formatCount(Math.round(v)));
    rows.push(`| ${cellName(results, cell, withTree)} | ${values.join(' | ')} |`);
  }
  if (rows.length === 0) return undefined;
  return [
    '| cell | minor page faults | voluntary context switches | involuntary context switches |',
    '|---|---|---|---|',
    ...rows,
    '',
    '_Medians over the successful measured runs, from `wait4` (the benchmark and the children it waited for)._',
  ].join('\n');
}

function code(text: string | undefined, maxChars = 200): string {
  return text ? `<code>${escapeInline(text, maxChars)}</code>` : '—';
}

export function environmentDetails(results: Results): string {
  const envRows = results.environments.map((env) => {
    const os =
      env.osRelease?.['PRETTY_NAME'] ??
      [env.osRelease?.['ID'], env.osRelease?.['VERSION_ID']].filter(Boolean).join(' ');
    const cols = [
      placeLabel(results, env),
      env.executor,
      code(env.image),
      code(env.imageDigest),
      os ? escapeInline(os, 100) : '—',
      env.libcVersion ? escapeInline(env.libcVersion, 40) : '—',
      env.muslFlavor ? escapeInline(env.muslFlavor, 40) : '—',
      env.failure ? `failed: ${escapeInline(env.failure, 200)}` : 'ready',
    ];
    return `| ${cols.join(' | ')} |`;
  });
  const allocatorRows = results.environments.flatMap((env) =>
    Object.entries(env.allocators).map(([name, a]) => {
      const state =
        a.status === 'ready' ? 'ready' : `unavailable${a.reason ? `: ${escapeInline(a.reason, 160)}` : ''}`;
      return `| ${placeLabel(results, env)} | ${escapeInline(name, 60)} | ${state} | ${code(a.library)} | ${a.version ? escapeInline(a.version, 60) : '—'} |`;
    }),
  );
  const parts = [
    '| libc | executor | image | digest | OS | libc version | musl flavour | state |',
    '|---|---|---|---|---|---|---|---|',
    ...envRows,
    '',
    '| libc | allocator | state | library | version |',
    '|---|---|---|---|---|',
    ...allocatorRows,
  ];
  const variants = variantNote(results);
  if (variants) parts.push('', variants);
  return detailsBlock('Environments and allocator libraries', parts.join('\n'));
}

/** What each allocator with environment of its own adds (variants, and glibc-debug). */
export function variantNote(results: Results): string | undefined {
  const lines = results.config.allocators.flatMap((a) => {
    const env = Object.entries(allocatorEnvironment(a));
    if (env.length === 0) return [];
    const base = a.kind === 'variant' ? `${escapeInline(a.base, 60)} with ` : '';
    const settings = env.map(([key, value]) => code(`${key}=${value}`, 200)).join(', ');
    return [`- ${code(a.name, 60)}: ${base}${settings}`];
  });
  return lines.length > 0 ? ['Environment of the variants:', '', ...lines].join('\n') : undefined;
}

function commandText(command: Command): string {
  return command.kind === 'shell' ? command.script : command.argv.map((a) => JSON.stringify(a)).join(' ');
}

export function runDetails(results: Results, reproduceCommand?: string): string {
  const { config, host } = results;
  const facts: [string, string][] = [
    ['CPU', `${escapeInline(host.cpuModel, 120)} (${host.cores} cores, ${escapeInline(host.arch, 20)})`],
    ['kernel', escapeInline(host.kernel, 120)],
    ['host OS', escapeInline(host.os, 120)],
    ['executor', config.executor],
    ['runs per cell', runsDetail(results)],
    ['timeout per run', formatDuration(config.timeoutMs)],
    ['gated metric', config.metric],
    ['seed', String(results.seed)],
    [
      'environment variables passed',
      config.envKeys.length ? config.envKeys.map((k) => code(k, 80)).join(', ') : '—',
    ],
    ['started', `${escapeInline(results.startedAt, 40)} (finished ${escapeInline(results.finishedAt, 40)})`],
    ['tool', `malloc-matrix ${escapeInline(results.tool.version, 40)}`],
  ];
  if (results.git?.head) {
    const dirty = results.git.dirty === true ? ' with uncommitted changes (the working tree as it was)' : '';
    facts.push(['head', `${code(results.git.head, 40)}${dirty}`]);
  }
  if (results.git?.base) {
    const ref = results.baseline?.ref !== undefined ? ` (${code(results.baseline.ref, 80)})` : '';
    facts.push(['base', `${code(results.git.base, 40)}${ref}`]);
  }
  const parts = [
    '| | |',
    '|---|---|',
    ...facts.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    'Benchmark command:',
    '',
    fenceUntrusted(commandText(results.command), 2000),
  ];
  if (config.setup) parts.push('', 'Setup:', '', fenceUntrusted(config.setup, 2000));
  if (reproduceCommand) {
    const keys = config.envKeys.map((k) => code(k, 80)).join(', ');
    const intro = keys
      ? `Reproduce locally (set ${keys} in your shell first: \`--env KEY\` passes its value, which is not shown here):`
      : 'Reproduce locally:';
    parts.push(
      '',
      intro,
      '',
      fenceUntrusted(`${installHint(results.tool.version)}\n${reproduceCommand}`, 4000),
    );
  }
  return detailsBlock('Run settings, machine and how to reproduce', parts.join('\n'));
}

export interface OutputTail {
  label: string;
  text: string;
}

/** The output tail of the first failed run of each cell that had one, and of failed environments. */
export function outputTails(results: Results): OutputTail[] {
  const tails: OutputTail[] = [];
  for (const cell of results.cells) {
    const run = firstFailedRun(cell);
    if (!run || cell.status === 'ok' || cell.status === 'unavailable') continue;
    const output = run.outputTail ?? run.error;
    const title = `Output of the first failed run: ${cellName(results, cell, cell.tree === 'base')} — ${escapeInline(describeFailure(run), 120)}`;
    const body = output ? fenceUntrusted(output, OUTPUT_TAIL_CHARS) : '_The run left no output._';
    tails.push({ label: 'output tail', text: detailsBlock(title, body) });
  }
  for (const env of results.environments) {
    if (!env.setupLogTail) continue;
    const title = `Setup log of the ${placeLabel(results, env)} environment${env.failure ? ' (failed)' : ''}`;
    tails.push({
      label: 'output tail',
      text: detailsBlock(title, fenceUntrusted(env.setupLogTail, OUTPUT_TAIL_CHARS)),
    });
  }
  return tails;
}

/** A count with its noun: `1 output tail`, `3 output tails`. */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Notes about cells that do not change their status (a slow first run), one quoted line each. */
export function cellWarnings(results: Results): string | undefined {
  const lines = results.cells.flatMap((c) =>
    (c.warnings ?? []).map((w) => `> ⚠️ ${cellName(results, c, c.tree === 'base')}: ${escapeInline(w, 300)}`),
  );
  return lines.length > 0 ? lines.join('\n>\n') : undefined;
}
