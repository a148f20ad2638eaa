import { defineConfig } from "astro/config";

export default defineConfig({
  output: "static",
  outDir: "./dist",
  build: { format: "directory" },
  vite: {
    build: {
      rolldownOptions: {
        // Schemas are built at a module's top level with zod/mini's `z.…` calls and
        // `.check(…)`/`.register(…)` on their results, which the bundler would keep as
        // possible side effects. They have none (only the registry of ids, which no page
        // reads), so a page's bundle drops every schema and route it does not use
        // (issue 18.8; test/infra/page-js.test.ts holds the budget).
        treeshake: { manualPureFunctions: ["z"], moduleSideEffects: (id) => !/\/shared\//.test(id) },
      },
    },
  },
});
