import { defineConfig } from "vitest/config";

const root = new URL("..", import.meta.url).pathname;

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
        },
      },
      {
        test: {
          name: "infra",
          root,
          include: ["test/infra/**/*.test.ts"],
          testTimeout: 180_000,
          env: { TABLE_NAME: "infra-tests", POWERTOOLS_LOG_LEVEL: "SILENT" },
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
        },
      },
    ],
  },
});
