/**
 * PIPL erasure (issue 19.6): the sign-in goes with the data. Deployed, the erasure
 * function deletes the Cognito user (the username of a pool signing in by phone or
 * e-mail is the user's `sub`, the id the API knows); locally there is no user pool
 * (the dev token issuer keeps no accounts), so there is nothing to delete.
 */
import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { env } from "../../lib/env.ts";

const cognito = env.userPoolId ? new CognitoIdentityProviderClient({ region: env.region }) : undefined;

export async function deleteSignIn(userId: string): Promise<void> {
  if (!cognito || !env.userPoolId) return;
  try {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: env.userPoolId, Username: userId }));
  } catch (err) {
    // Already gone (an erasure tried again): nothing left to delete.
    if (err instanceof Error && err.name === "UserNotFoundException") return;
    throw err;
  }
}
