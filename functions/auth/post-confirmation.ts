/**
 * Cognito post-confirmation trigger: whoever signs up and confirms their phone or
 * email becomes a resident (group `residents`), so their ID token carries
 * `cognito:groups` and the API knows their role. Volunteers and admins are
 * promoted by an admin (see the README's deploy section).
 */
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { logger } from "../lib/logger.ts";

export const SIGN_UP_GROUP = "residents";

const cognito = new CognitoIdentityProviderClient({});

export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  // A forgotten-password confirmation must not touch group membership.
  if (event.triggerSource !== "PostConfirmation_ConfirmSignUp") return event;
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: SIGN_UP_GROUP,
    }),
  );
  logger.info("new resident", { userPoolId: event.userPoolId, sub: event.request.userAttributes.sub });
  return event;
};
