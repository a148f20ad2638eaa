import { Forbidden } from "../domain/errors.ts";
import { needBoard } from "../domain/needs/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/list", async ({ query, caller }) => {
  if (caller.role === "resident") throw new Forbidden("需求大厅仅限志愿者、社区工作者和管理员");
  return ok(await needBoard(caller, query));
});
