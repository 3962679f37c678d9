// A typed fake of the harness's CommandRunner: a toolchain where the `installed` compilers
// answer --version and compiling writes the -o file, so the helper build runs without a compiler.
import { writeFile } from 'node:fs/promises';
import type { CommandRunner } from '../../src/harness/build.js';
import { exited, notFound } from '../fixtures/process-results.js';

export function fakeToolchain(
  installed: string[],
  compileFails = false,
): { run: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  const run: CommandRunner = async (command, args) => {
    calls.push([command, ...args].join(' '));
    if (!installed.includes(command)) return notFound(command);
    if (args[0] === '--version') return exited(0, `${command} 1.0\n`);
    if (compileFails) return exited(1, '', '/usr/bin/ld: cannot find -lc: No such file or directory');
    const out = args[args.indexOf('-o') + 1];
    await writeFile(out, 'binary');
    return exited(0);
  };
  return { run, calls };
}
