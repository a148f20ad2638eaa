import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { GROUP_ROLE } from "../lib/auth.ts";
import { handler, SIGN_UP_GROUP } from "./post-confirmation.ts";

const cognito = mockClient(CognitoIdentityProviderClient);

function event(triggerSource: PostConfirmationTriggerEvent["triggerSource"]): PostConfirmationTriggerEvent {
  return {
    version: "1",
    region: "ap-east-1",
    userPoolId: "ap-east-1_pool",
    userName: "u-1",
    triggerSource,
    callerContext: { awsSdkVersion: "3", clientId: "client" },
    request: { userAttributes: { sub: "u-1", phone_number: "+8613800001234" } },
    response: {},
  };
}

describe("post-confirmation", () => {
  beforeEach(() => cognito.reset());

  it("puts a newly confirmed user in the residents group and returns the event", async () => {
    // Prepare
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const input = event("PostConfirmation_ConfirmSignUp");
    // Act
    const out = await handler(input);
    // Assess
    expect(out).toBe(input);
    const calls = cognito.commandCalls(AdminAddUserToGroupCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      UserPoolId: "ap-east-1_pool",
      Username: "u-1",
      GroupName: "residents",
    });
    expect(GROUP_ROLE[SIGN_UP_GROUP]).toBe("resident");
  });

  it("leaves groups alone after a forgotten-password confirmation", async () => {
    await handler(event("PostConfirmation_ConfirmForgotPassword"));
    expect(cognito.calls()).toHaveLength(0);
  });

  it("fails the confirmation when the group cannot be joined, so it can be retried", async () => {
    cognito.on(AdminAddUserToGroupCommand).rejects(new Error("ResourceNotFoundException"));
    await expect(handler(event("PostConfirmation_ConfirmSignUp"))).rejects.toThrow("ResourceNotFound");
  });
});
