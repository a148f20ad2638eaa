/** PIPL erasure of a volunteer's profile: the name and contact go, the counts (hours, ratings) stay. */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { localMonth } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { renameOn } from "./scrub.ts";

/** The profile (their all-time ranking entry too) and each month's ranking entry, under `name`. */
export async function eraseVolunteerProfile(id: string, completedAts: readonly string[], name: string) {
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.user(id),
      UpdateExpression: "SET #name = :name REMOVE #phone, #bio, #community",
      ExpressionAttributeNames: {
        "#name": "name",
        "#phone": "phone",
        "#bio": "bio",
        "#community": "community",
      },
      ExpressionAttributeValues: { ":name": name },
    }),
  );
  const months = new Set(completedAts.map((at) => localMonth(at)));
  for (const month of months) await renameOn(keys.rankEntry("volunteer", month, id), "name", name);
}
