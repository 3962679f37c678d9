// What both CLI commands (a run, and `malloc-matrix merge`) show: the table on stdout, the
// markdown report and the dashboard exports when asked for, and the gate's verdict on stderr
// with its exit code.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { toBmf } from '../report/exports/bmf.js';
import { toGab } from '../report/exports/gab.js';
import { renderTerminal } from '../report/terminal.js';
import type { Results } from '../results/model.js';
import { gate, type GateInput } from '../app/gate.js';
import { reportMarkdown } from '../app/publish.js';
import type { CliIo } from './run-cli.js';

/** The table on stdout, and the markdown report and the exports when asked for. */
export async function showResults(config: Config, io: CliIo, results: Results): Promise<void> {
  const table = renderTerminal(results, { color: io.stdout.isTTY === true && !io.env.NO_COLOR });
  io.stdout.write(table.endsWith('\n') ? table : `${table}\n`);
  if (config.markdownPath) {
    const markdownPath = path.resolve(io.cwd, config.markdownPath);
    await writeFile(markdownPath, reportMarkdown(results, config));
    io.stderr.write(`Markdown report written to ${markdownPath}\n`);
  }
  const exports: [string | undefined, string, () => unknown][] = [
    [config.exportBmfPath, 'Bencher Metric Format', () => toBmf(results)],
    [config.exportGabPath, 'github-action-benchmark JSON', () => toGab(results)],
  ];
  for (const [file, what, render] of exports) {
    if (file === undefined) continue;
    const target = path.resolve(io.cwd, file);
    await writeFile(target, `${JSON.stringify(render(), null, 2)}\n`);
    io.stderr.write(`${what} written to ${target}\n`);
  }
}

/** The gate's verdict on stderr, and its exit code. */
export function judge(config: Config, io: CliIo, outcome: GateInput): number {
  const verdict = gate(outcome, config);
  for (const { level, message } of verdict.annotations) {
    // `regression: musl/jemalloc: wall +12.0% …`, `warning: glibc/mimalloc: timeout: …`
    io.stderr.write(level === 'error' ? `${lowerFirst(message)}\n` : `warning: ${message}\n`);
  }
  for (const failure of verdict.failures) io.stderr.write(`malloc-matrix: ${failure}\n`);
  return verdict.exitCode;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
