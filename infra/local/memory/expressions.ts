/**
 * DynamoDB's expression language, evaluated on plain items (the document client's
 * native values): conditions, key conditions and filters; update expressions
 * (SET with if_not_exists / list_append / + -, ADD, REMOVE, DELETE); projections.
 * Used by the in-memory table (table.ts) that plays the demo district's history at
 * load time; nothing deployed uses it.
 */
export type Item = Record<string, unknown>;
export interface Context {
  names?: Record<string, string> | undefined;
  values?: Record<string, unknown> | undefined;
}

type Token = { t: "word" | "name" | "value" | "num" | "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s*(?:(<>|<=|>=|[=<>(),.[\]+-])|(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|(\d+)|([A-Za-z_][A-Za-z0-9_]*))/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(re.lastIndex))) break;
    m = re.exec(src);
    if (!m) throw new Error(`expression: cannot read "${src.slice(re.lastIndex)}"`);
    if (m[1]) out.push({ t: "op", v: m[1] });
    else if (m[2]) out.push({ t: "name", v: m[2] });
    else if (m[3]) out.push({ t: "value", v: m[3] });
    else if (m[4]) out.push({ t: "num", v: m[4] });
    else out.push({ t: "word", v: m[5] as string });
  }
  return out;
}

type Segment = string | number;
type Operand =
  | { k: "path"; path: Segment[] }
  | { k: "value"; v: unknown }
  | { k: "size"; path: Segment[] }
  | { k: "ifNotExists"; path: Segment[]; or: Operand }
  | { k: "listAppend"; a: Operand; b: Operand }
  | { k: "arith"; op: "+" | "-"; a: Operand; b: Operand };

class Parser {
  i = 0;
  readonly tokens: Token[];
  readonly ctx: Context;
  constructor(tokens: Token[], ctx: Context) {
    this.tokens = tokens;
    this.ctx = ctx;
  }
  peek(offset = 0) {
    return this.tokens[this.i + offset];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new Error("expression: ended early");
    return t;
  }
  isWord(w: string, offset = 0) {
    const t = this.peek(offset);
    return t?.t === "word" && t.v.toUpperCase() === w;
  }
  isOp(o: string, offset = 0) {
    const t = this.peek(offset);
    return t?.t === "op" && t.v === o;
  }
  expect(o: string) {
    const t = this.next();
    if (t.v !== o && t.v.toUpperCase() !== o) throw new Error(`expression: expected ${o}, found ${t.v}`);
  }
  name(t: Token): string {
    if (t.t === "name") {
      const n = this.ctx.names?.[t.v];
      if (n === undefined) throw new Error(`expression: no name for ${t.v}`);
      return n;
    }
    if (t.t === "word") return t.v;
    throw new Error(`expression: expected a name, found ${t.v}`);
  }
  path(): Segment[] {
    const segs: Segment[] = [this.name(this.next())];
    for (;;) {
      if (this.isOp(".")) {
        this.next();
        segs.push(this.name(this.next()));
      } else if (this.isOp("[")) {
        this.next();
        segs.push(Number(this.next().v));
        this.expect("]");
      } else return segs;
    }
  }
  operand(): Operand {
    const t = this.peek();
    if (t?.t === "value") {
      this.next();
      if (!this.ctx.values || !(t.v in this.ctx.values)) throw new Error(`expression: no value for ${t.v}`);
      return { k: "value", v: this.ctx.values[t.v] };
    }
    if (t?.t === "word" && this.isOp("(", 1)) {
      const fn = t.v;
      this.next();
      this.next();
      let out: Operand;
      if (fn === "size") out = { k: "size", path: this.path() };
      else if (fn === "if_not_exists") {
        const path = this.path();
        this.expect(",");
        out = { k: "ifNotExists", path, or: this.operand() };
      } else if (fn === "list_append") {
        const a = this.operand();
        this.expect(",");
        out = { k: "listAppend", a, b: this.operand() };
      } else throw new Error(`expression: unknown function ${fn}`);
      this.expect(")");
      return out;
    }
    return { k: "path", path: this.path() };
  }
  /** An operand of SET: perhaps `a + b` or `a - b`. */
  setValue(): Operand {
    const a = this.operand();
    if (this.isOp("+") || this.isOp("-")) {
      const op = this.next().v as "+" | "-";
      return { k: "arith", op, a, b: this.operand() };
    }
    return a;
  }
}

export function getPath(item: unknown, path: readonly Segment[]): unknown {
  let cur: unknown = item;
  for (const s of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

function setPath(item: Item, path: readonly Segment[], value: unknown) {
  let cur: Record<string | number, unknown> = item;
  for (const s of path.slice(0, -1)) {
    const nextObj = cur[s];
    if (nextObj === null || typeof nextObj !== "object") throw new Error("expression: no such path");
    cur = nextObj as Record<string | number, unknown>;
  }
  cur[path[path.length - 1] as Segment] = value;
}

function removePath(item: Item, path: readonly Segment[]) {
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1] as Segment;
  if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
  else if (parent && typeof parent === "object") delete (parent as Record<string | number, unknown>)[last];
}

function evalOperand(o: Operand, item: Item): unknown {
  switch (o.k) {
    case "value":
      return o.v;
    case "path":
      return getPath(item, o.path);
    case "size": {
      const v = getPath(item, o.path);
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      if (v instanceof Set) return v.size;
      if (v && typeof v === "object") return Object.keys(v).length;
      return undefined;
    }
    case "ifNotExists": {
      const v = getPath(item, o.path);
      return v === undefined ? evalOperand(o.or, item) : v;
    }
    case "listAppend":
      return [...(evalOperand(o.a, item) as unknown[]), ...(evalOperand(o.b, item) as unknown[])];
    case "arith": {
      const a = evalOperand(o.a, item);
      const b = evalOperand(o.b, item);
      if (typeof a !== "number" || typeof b !== "number")
        throw new Error("expression: arithmetic on non-numbers");
      return o.op === "+" ? a + b : a - b;
    }
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === "=") return equal(a, b);
  if (op === "<>") return a !== undefined && !equal(a, b);
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) return false;
  const x = a as number | string;
  const y = b as number | string;
  if (op === "<") return x < y;
  if (op === "<=") return x <= y;
  if (op === ">") return x > y;
  return x >= y;
}

const COMPARATORS = new Set(["=", "<>", "<", "<=", ">", ">="]);

type Cond = (item: Item) => boolean;

function parseCondition(p: Parser): Cond {
  let left = parseAnd(p);
  while (p.isWord("OR")) {
    p.next();
    const a = left;
    const b = parseAnd(p);
    left = (item) => a(item) || b(item);
  }
  return left;
}

function parseAnd(p: Parser): Cond {
  let left = parseNot(p);
  while (p.isWord("AND")) {
    p.next();
    const a = left;
    const b = parseNot(p);
    left = (item) => a(item) && b(item);
  }
  return left;
}

function parseNot(p: Parser): Cond {
  if (p.isWord("NOT")) {
    p.next();
    const c = parseNot(p);
    return (item) => !c(item);
  }
  return parsePrimary(p);
}

function parsePrimary(p: Parser): Cond {
  if (p.isOp("(")) {
    p.next();
    const c = parseCondition(p);
    p.expect(")");
    return c;
  }
  const t = p.peek();
  if (t?.t === "word" && p.isOp("(", 1) && t.v !== "size") {
    p.next();
    p.next();
    const path = p.path();
    let c: Cond;
    if (t.v === "attribute_exists") c = (item) => getPath(item, path) !== undefined;
    else if (t.v === "attribute_not_exists") c = (item) => getPath(item, path) === undefined;
    else if (t.v === "begins_with" || t.v === "contains") {
      p.expect(",");
      const o = p.operand();
      c =
        t.v === "begins_with"
          ? (item) => {
              const v = getPath(item, path);
              const s = evalOperand(o, item);
              return typeof v === "string" && typeof s === "string" && v.startsWith(s);
            }
          : (item) => {
              const v = getPath(item, path);
              const s = evalOperand(o, item);
              if (typeof v === "string") return typeof s === "string" && v.includes(s);
              if (Array.isArray(v)) return v.some((x) => equal(x, s));
              if (v instanceof Set) return v.has(s);
              return false;
            };
    } else throw new Error(`expression: unknown function ${t.v}`);
    p.expect(")");
    return c;
  }
  const a = p.operand();
  if (p.isWord("BETWEEN")) {
    p.next();
    const lo = p.operand();
    p.expect("AND");
    const hi = p.operand();
    return (item) => {
      const v = evalOperand(a, item);
      return compare(">=", v, evalOperand(lo, item)) && compare("<=", v, evalOperand(hi, item));
    };
  }
  if (p.isWord("IN")) {
    p.next();
    p.expect("(");
    const options: Operand[] = [p.operand()];
    while (p.isOp(",")) {
      p.next();
      options.push(p.operand());
    }
    p.expect(")");
    return (item) => options.some((o) => equal(evalOperand(a, item), evalOperand(o, item)));
  }
  const op = p.next().v;
  if (!COMPARATORS.has(op)) throw new Error(`expression: expected a comparison, found ${op}`);
  const b = p.operand();
  return (item) => compare(op, evalOperand(a, item), evalOperand(b, item));
}

/** Compile a condition (ConditionExpression, KeyConditionExpression, FilterExpression). */
export function condition(expression: string, ctx: Context): Cond {
  const p = new Parser(tokenize(expression), ctx);
  const c = parseCondition(p);
  if (p.peek()) throw new Error(`expression: unexpected ${p.peek()?.v} in "${expression}"`);
  return c;
}

type Action = (item: Item, old: Item) => void;

function addTo(current: unknown, v: unknown): unknown {
  if (typeof v === "number") return (typeof current === "number" ? current : 0) + v;
  if (v instanceof Set) return new Set([...(current instanceof Set ? current : []), ...v]);
  throw new Error("expression: ADD takes a number or a set");
}

function parseClause(p: Parser, clause: string): Action[] {
  const actions: Action[] = [];
  do {
    if (actions.length) p.next(); // the comma
    const path = p.path();
    if (clause === "SET") {
      p.expect("=");
      const v = p.setValue();
      actions.push((item, old) => setPath(item, path, structuredClone(evalOperand(v, old))));
    } else if (clause === "REMOVE") actions.push((item) => removePath(item, path));
    else {
      const v = p.operand();
      actions.push((item, old) => {
        const value = evalOperand(v, old);
        if (clause === "ADD") setPath(item, path, addTo(getPath(item, path), value));
        else {
          const cur = getPath(item, path);
          if (cur instanceof Set && value instanceof Set) {
            const left = new Set([...cur].filter((x) => !value.has(x)));
            if (left.size) setPath(item, path, left);
            else removePath(item, path);
          }
        }
      });
    }
  } while (p.isOp(","));
  return actions;
}

/** Apply an UpdateExpression: returns the new item (the old one is left as it was). */
export function applyUpdate(expression: string, ctx: Context, old: Item): Item {
  const p = new Parser(tokenize(expression), ctx);
  const actions: Action[] = [];
  while (p.peek()) {
    const clause = p.next().v.toUpperCase();
    if (!["SET", "ADD", "REMOVE", "DELETE"].includes(clause))
      throw new Error(`expression: unknown clause ${clause}`);
    actions.push(...parseClause(p, clause));
  }
  const item = structuredClone(old);
  for (const a of actions) a(item, old);
  return item;
}

/** The attributes a ProjectionExpression names (top-level only). */
export function project(expression: string | undefined, ctx: Context, item: Item): Item {
  if (!expression) return item;
  const p = new Parser(tokenize(expression), ctx);
  const out: Item = {};
  do {
    if (p.isOp(",")) p.next();
    const path = p.path();
    const top = path[0] as string;
    if (item[top] !== undefined) out[top] = item[top];
  } while (p.isOp(","));
  return out;
}
