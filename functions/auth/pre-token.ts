/**
 * Cognito pre-token-generation trigger: MFA required for admins and community
 * workers (trust and safety). Cognito's MFA setting is per pool, and residents —
 * often elderly, signing in with a phone already verified by SMS — keep it optional;
 * so the pool's MFA is OPTIONAL with TOTP, and this trigger gives an ID token the
 * `admins` or `staff` group only when the person has TOTP turned on. Cognito asks
 * for the second factor at every sign-in of a person who has it, so a token carrying
 * those groups exists only after an MFA challenge (the trigger also runs on refresh,
 * so turning MFA off drops the role within the token's hour). Without it the
 * person still signs in, with the groups removed (the API gives them no role), and
 * can set up TOTP with their access token; the next sign-in has their role.
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PreTokenGenerationTriggerEvent } from "aws-lambda";
import { logger } from "../lib/logger.ts";

/** The groups whose role needs a second factor. */
export const MFA_GROUPS = ["admins", "staff"] as const;

const cognito = new CognitoIdentityProviderClient({});

/** The groups a token may carry, given the person's groups and their MFA settings (pure). */
export function groupsAllowed(groups: readonly string[], mfa: readonly string[]): string[] {
  const hasMfa = mfa.includes("SOFTWARE_TOKEN_MFA");
  return groups.filter((g) => hasMfa || !(MFA_GROUPS as readonly string[]).includes(g));
}

export const handler = async (
  event: PreTokenGenerationTriggerEvent,
): Promise<PreTokenGenerationTriggerEvent> => {
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  if (!groups.some((g) => (MFA_GROUPS as readonly string[]).includes(g))) return event;
  const user = await cognito.send(
    new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }),
  );
  const allowed = groupsAllowed(groups, user.UserMFASettingList ?? []);
  if (allowed.length === groups.length) return event;
  logger.warn("role withheld until MFA is on", { sub: event.request.userAttributes.sub });
  event.response.claimsOverrideDetails = {
    ...event.response.claimsOverrideDetails,
    groupOverrideDetails: { groupsToOverride: allowed },
  };
  return event;
};
