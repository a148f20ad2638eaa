import { defineConfig } from "vitest/config";

const root = new URL("..", import.meta.url).pathname;

/**
 * `load` runs in a group of its own (sequence.groupOrder), never beside another
 * project: the rush tests measure order and deadlines under load, which a browser or
 * a CDK synth sharing the 2 cores would turn into their own slowness (seen: a rush's
 * last joins passing the local 29 s Lambda deadline in a full run).
 */
const beside = { groupOrder: 0 };

export default defineConfig({
  test: {
    root,
    projects: [
      {
        test: {
          name: "unit",
          root,
          include: ["shared/**/*.test.ts", "functions/**/*.test.ts", "infra/**/*.test.ts"],
          env: { TABLE_NAME: "unit-tests", POWERTOOLS_LOG_LEVEL: "SILENT" },
          sequence: beside,
        },
      },
      {
        test: {
          name: "integration",
          root,
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/table-per-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: beside,
        },
      },
      {
        test: {
          name: "infra",
          root,
          include: ["test/infra/**/*.test.ts"],
          testTimeout: 180_000,
          env: { TABLE_NAME: "infra-tests", POWERTOOLS_LOG_LEVEL: "SILENT" },
          sequence: beside,
        },
      },
      {
        test: {
          name: "e2e",
          root,
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/table-per-file.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: beside,
        },
      },
      {
        test: {
          name: "load",
          root,
          include: ["test/load/**/*.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/table-per-file.ts"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
