/** Install the tests' command counter (commands.ts) on the handlers' client. */
export async function countRequestCommandsOnly(): Promise<void> {
  await import("./commands.ts");
}
