/**
 * One consumer's read of one shard: an iterator kept from page to page, and a buffer
 * of what was read but not yet handed over. Each record is turned into Lambda's shape
 * and marked with the filter's verdict; a filtered record stays in the buffer (without
 * its record) so the checkpoint can move past it.
 */
import type { DynamoDBRecord } from "aws-lambda";
import { isProjectedRecord } from "../../../shared/stream.ts";
import { toLambdaRecord } from "./records.ts";
import { PAGE, type Page, type StreamReads } from "./source.ts";

export interface Entry {
  seq: string;
  /** Absent when the filter drops the record. */
  record?: DynamoDBRecord;
  /** Monotonic ms: the record was not in the stream yet when this complete read of the shard started. */
  commitAfter?: number;
}

export class ShardReader {
  readonly buffer: Entry[] = [];
  #iterator: string | undefined;
  #closed = false;
  /** When the last read that reached the shard's end (at that moment) started. */
  #lastCompleteReadStart: number | undefined;
  readonly #shardId: string;
  readonly #now: () => number;

  constructor(shardId: string, now: () => number) {
    this.#shardId = shardId;
    this.#now = now;
  }

  /** The shard is closed and read to its end (what is in the buffer aside). */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * One page into the buffer, from the iterator (or, the first time and after a failed
   * read, from right after `after`): how many records were read and how many of them
   * the filter dropped.
   */
  async read(source: StreamReads, arn: string, after: string | undefined) {
    this.#iterator ??= await source.iterator(arn, this.#shardId, after);
    const started = this.#now();
    let page: Page;
    try {
      page = await source.page(this.#iterator);
    } catch (err) {
      this.#iterator = undefined;
      throw err;
    }
    this.#iterator = page.NextShardIterator;
    if (!page.NextShardIterator) this.#closed = true;
    const records = page.Records ?? [];
    const commitAfter = this.#lastCompleteReadStart;
    if (records.length < PAGE) this.#lastCompleteReadStart = started;
    let filtered = 0;
    for (const r of records) {
      const record = toLambdaRecord(r, arn);
      const seq = record.dynamodb?.SequenceNumber ?? "";
      if (isProjectedRecord(record)) this.buffer.push({ seq, record, commitAfter });
      else {
        this.buffer.push({ seq, commitAfter });
        filtered++;
      }
    }
    return { read: records.length, filtered };
  }
}
