/**
 * Readable pieces (issue 18): no function in infra/, functions/ or web/src/ over 80
 * lines, counted by test/support/function-lengths.ts (a closure counts everything it
 * holds).
 */
import { expect, it } from "vitest";
import { functionLengths, longFunctions } from "../support/function-lengths.ts";

it("counts every kind of function from its first line to its last, a closure with what it holds", () => {
  // Prepare
  const text = [
    "export function outer() {", // 1
    "  const inner = () => {", // 2
    "    return 1;",
    "  };",
    "  return inner;",
    "}", // 6
    "class C {",
    "  constructor() {}", // 8
    "  get x() { return 1; }", // 9
    "  m = function () {", // 10
    "    return 2;",
    "  };",
    "}",
    "[1].map((n) => n);", // 14
  ].join("\n");

  // Act
  const found = functionLengths("x.ts", text).map((f) => `${f.name}@${f.line}:${f.lines}`);

  // Assess
  expect(found).toEqual([
    "outer@1:6",
    "inner@2:3",
    "constructor@8:1",
    "x@9:1",
    "m@10:3",
    "(callback of [1].map)@14:1",
  ]);
});

it("no function in infra/ is over 80 lines (the local stand-ins and the CDK constructs)", () => {
  expect(longFunctions(["infra"], 80)).toEqual([]);
});

it("no function in functions/ is over 80 lines", () => {
  expect(longFunctions(["functions"], 80)).toEqual([]);
});

it("no function in web/src/ is over 80 lines", () => {
  expect(longFunctions(["web/src"], 80)).toEqual([]);
});
