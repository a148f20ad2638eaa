/**
 * The one DynamoDB table: keys, GSIs and TTL, defined once. CDK (infra/data.ts),
 * the local runtime and the test setup all build the table from this.
 *
 * GSIs are generic (`gsiNpk`/`gsiNsk`); each entity documents which access pattern
 * it stores in which index (see shared/keys.ts).
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The access patterns served, for humans and for the docs. */
  readonly serves: readonly string[];
}

export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "ttl",
  /** The stream the projector reads (shared/stream.ts). */
  stream: "NEW_AND_OLD_IMAGES",
  indexes: [
    {
      name: "gsi1",
      partitionKey: "gsi1pk",
      sortKey: "gsi1sk",
      serves: [
        "published listings of a category, newest",
        "a resident's bookings, newest",
        "rankings",
        "a community's calendar of sessions, by start",
        "a community's registered residents by name's beginning (staff registry)",
        "a phone's texts, newest (outbox)",
        // needs (群众点单)
        "needs of a community by status, oldest first (need board)",
      ],
    },
    {
      name: "gsi2",
      partitionKey: "gsi2pk",
      sortKey: "gsi2sk",
      serves: [
        "all published listings, newest",
        "bookings on a volunteer's listings, newest",
        "monthly rankings",
        "a community's registered residents by the phone's last 4 digits (staff registry)",
        "every text, newest (the whole outbox)",
        // needs (群众点单)
        "needs of the district by status, oldest first (need board, needs job)",
      ],
    },
    {
      name: "gsi3",
      partitionKey: "gsi3pk",
      sortKey: "gsi3sk",
      serves: [
        "published listings of a category, best rated",
        "bookings of a listing by status, oldest first (waitlist)",
        // needs (群众点单)
        "a resident's needs, newest",
      ],
    },
    {
      name: "gsi4",
      partitionKey: "gsi4pk",
      sortKey: "gsi4sk",
      serves: [
        "all published listings, best rated",
        "open requests by age (expiry job)",
        "texts due, by send time (texts job)",
        // Trust and safety (issue 19.6)
        "finished bookings by month (retention job)",
      ],
    },
    {
      name: "gsi5",
      partitionKey: "gsi5pk",
      sortKey: "gsi5sk",
      serves: [
        "published listings of a category, most served",
        "a listing's visible reviews, newest",
        "bookings a community worker made for residents, newest",
        // needs (群众点单)
        "needs a community worker posted, newest",
      ],
    },
    {
      name: "gsi6",
      partitionKey: "gsi6pk",
      sortKey: "gsi6sk",
      serves: [
        "all published listings, most served",
        "accepted bookings starting on a day, by start (reminders job)",
      ],
    },
    {
      name: "gsi7",
      partitionKey: "gsi7pk",
      sortKey: "gsi7sk",
      serves: ["a volunteer's profile and all their listings (shop, console)"],
    },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  stream: "NEW_AND_OLD_IMAGES";
  indexes: readonly IndexDefinition[];
};

export type IndexName = (typeof TABLE.indexes)[number]["name"];

/** The CreateTable input used locally and in tests (CDK builds the same from TABLE). */
export function createTableInput(tableName: string) {
  const attrs = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const i of TABLE.indexes) {
    attrs.add(i.partitionKey);
    attrs.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream },
    AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" as const },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" as const },
        { AttributeName: i.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}
