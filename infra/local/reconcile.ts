/**
 * `npm run reconcile [-- --repair]`: recompute every derived figure (dashboard
 * counters, waitlist gauges, rankings, listing and volunteer figures) from the
 * bookings and reviews of the stack `npm start` runs (same TABLE_NAME,
 * DYNAMODB_PORT), print each difference, exit 1 on drift; `--repair` fixes it.
 */
const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
process.env.TABLE_NAME ??= "wangtao";
process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${DYNAMODB_PORT}`;
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const repair = process.argv.includes("--repair");
const { reconcile } = await import("../../functions/domain/projections/reconcile.ts");
try {
  const { drift, repaired } = await reconcile({ repair });
  for (const d of drift)
    console.log(`drift  ${d.key}  ${d.attribute}: expected ${d.expected}, found ${d.actual}`);
  if (!drift.length)
    console.log(`No drift: every derived figure in ${process.env.TABLE_NAME} matches the records.`);
  else if (repair) console.log(`${drift.length} differences on ${repaired} items repaired.`);
  else console.log(`${drift.length} differences. Run \`npm run reconcile -- --repair\` to fix them.`);
  const { checkSearchIndex } = await import("../../functions/domain/search/sync.ts");
  const search = await checkSearchIndex(repair);
  const searchDrift = search.missing + search.stale + search.extra;
  console.log(
    searchDrift
      ? `Search index: ${search.missing} missing, ${search.stale} stale, ${search.extra} left over of ${search.listings} listings${repair ? " (repaired)" : ""}.`
      : `Search index: matches all ${search.listings} published listings.`,
  );
  process.exitCode = (drift.length || searchDrift) && !repair ? 1 : 0;
} catch (err) {
  console.error(
    `Cannot reconcile ${process.env.TABLE_NAME} at ${process.env.DYNAMODB_ENDPOINT}: ${String(err)}`,
  );
  console.error("Is `npm start` running?");
  process.exitCode = 2;
}
