/**
 * How long each function is, read with the TypeScript compiler: declarations,
 * methods, constructors, accessors, function expressions and arrow functions, each
 * counted from its first line to its last (a function's nested functions count
 * towards it too: a closure is as long as everything it holds).
 *
 * `npx node test/support/function-lengths.ts [limit] [dir…]` prints those over `limit`
 * lines (default 80) in the given folders or files (default infra/local functions), longest first.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

const ROOT = resolve(import.meta.dirname, "../..");

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(sf);
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText(sf).slice(0, 40)})`;
  return "(anonymous)";
}

/** Every function in one source text. */
export function functionLengths(file: string, text: string): FunctionLength[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: FunctionLength[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file, name: nameOf(node, sf), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sources(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "node_modules" ? [] : sources(path);
    return /\.tsx?$/.test(entry) && !/\.(test|d)\.ts$/.test(entry) ? [path] : [];
  });
}

/** The functions over `limit` lines in the folders (relative to the repository), longest first. */
export function longFunctions(dirs: readonly string[], limit = 80): FunctionLength[] {
  return dirs
    .flatMap((d) => sources(resolve(ROOT, d)))
    .flatMap((path) => functionLengths(relative(ROOT, path), readFileSync(path, "utf8")))
    .filter((f) => f.lines > limit)
    .sort((a, b) => b.lines - a.lines);
}

if (import.meta.main) {
  const [limit, ...dirs] = process.argv.slice(2);
  const long = longFunctions(dirs.length ? dirs : ["infra/local", "functions"], Number(limit ?? 80));
  for (const f of long) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
  console.log(`${long.length} functions over ${limit ?? 80} lines`);
}
