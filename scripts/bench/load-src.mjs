// Loads the product's own modules (the verdict code, the helper driver) from src/ for the
// benchmark script: every src/*.ts is transpiled, without type checking, into a cache folder of
// the checkout, where their package imports (zod...) resolve as usual.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
// Inside the checkout (ignored by git), not under node_modules: node_modules may be a link to
// another checkout's, and modules that look for files next to themselves (the helper's C
// source) must find this checkout's. Package imports still resolve through node_modules above.
const OUT = path.join(REPO_ROOT, '.cache', 'bench-src');

let built = false;

function transpileTree() {
  rmSync(OUT, { recursive: true, force: true });
  const srcRoot = path.join(REPO_ROOT, 'src');
  const files = readdirSync(srcRoot, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  for (const file of files) {
    const source = readFileSync(path.join(srcRoot, file), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
        isolatedModules: true,
      },
      fileName: file,
    });
    const target = path.join(OUT, 'src', file.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // The transpiled tree is ESM like the sources.
  writeFileSync(path.join(OUT, 'package.json'), '{ "type": "module" }\n');
}

/** Imports src/<relative>.ts (as transpiled JavaScript). */
export async function importSrc(relative) {
  if (!built) {
    transpileTree();
    built = true;
  }
  return import(pathToFileURL(path.join(OUT, 'src', relative.replace(/\.ts$/, '.js'))).href);
}
