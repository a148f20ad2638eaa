/**
 * Auth: the Cognito user pool residents, volunteers and admins sign in to.
 * Phone number (most residents) or email, both verified; `name` required so the
 * ID token carries it; custom attributes `community` and `branch` (claims
 * `custom:community` / `custom:branch`, read by functions/lib/auth.ts) that only
 * admins set. Groups come from functions/lib/auth.ts GROUP_ROLE; a confirmed
 * sign-up joins `residents` through the post-confirmation trigger. The
 * storefront's client (authorization code + PKCE, no secret) is added once the
 * site's domain is known, since its callback is `https://<site>/login/`.
 */
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
  UserPoolOperation,
} from "aws-cdk-lib/aws-cognito";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { GROUP_ROLE } from "../functions/lib/auth.ts";
import { TRIGGERS } from "./bundling.ts";
import { AppFunction, type AppFunctionProps, type FunctionDefaults } from "./function.ts";
import { PoolWaf } from "./waf.ts";

export interface AuthProps {
  /** Hosted UI prefix: `https://<prefix>.auth.<region>.amazoncognito.com`; unique per region. */
  readonly domainPrefix: string;
  readonly defaults: FunctionDefaults;
  readonly retain: boolean;
  /** The table the pre-sign-up trigger counts sign-ups in. */
  readonly table: ITable;
}

/** Highest role first: a person in two groups is treated as the lower precedence number. */
const PRECEDENCE: Record<string, number> = { admins: 0, staff: 1, volunteers: 1, residents: 2 };

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly groups: UserPoolGroup[];
  client?: UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, "Users", {
      selfSignUpEnabled: true,
      signInAliases: { phone: true, email: true },
      autoVerify: { phone: true, email: true },
      keepOriginal: { phone: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        fullname: { required: true, mutable: true },
        phoneNumber: { required: false, mutable: true },
        email: { required: false, mutable: true },
      },
      customAttributes: {
        community: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        branch: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      // Length over complexity (NIST SP 800-63B): elderly residents type on phones.
      passwordPolicy: {
        minLength: 8,
        requireDigits: true,
        requireLowercase: false,
        requireUppercase: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: true, otp: true },
      accountRecovery: AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL,
      userVerification: {
        smsMessage: "【网淘】您的验证码是 {####}，10 分钟内有效。",
        emailSubject: "网淘 验证码",
        emailBody: "您的网淘验证码是 {####}，10 分钟内有效。",
      },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.acknowledgeNag();

    this.groups = Object.entries(GROUP_ROLE).map(
      ([groupName, role]) =>
        new UserPoolGroup(this, `Group-${groupName}`, {
          userPool: this.userPool,
          groupName,
          description: `role ${role}`,
          precedence: PRECEDENCE[groupName] ?? 10,
        }),
    );

    this.domain = this.userPool.addDomain("HostedUi", {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    this.addTrigger("PostConfirmation", UserPoolOperation.POST_CONFIRMATION, {
      handler: TRIGGERS.postConfirmation,
      defaults: props.defaults,
      description: "Cognito post-confirmation: new sign-ups join the residents group",
      onPool: { policy: "TriggerMayAddToGroup", action: "cognito-idp:AdminAddUserToGroup" },
    });
    this.addTrustAndSafety(props);
  }

  /** What cdk-nag asks of a user pool that this one answers otherwise (each with its reason). */
  private acknowledgeNag(): void {
    Validations.of(this.userPool).acknowledge(
      {
        id: "AwsSolutions-COG1",
        reason:
          "Length over composition (NIST SP 800-63B 5.1.1.2): at least 8 characters with a digit; many residents are elderly and type on phones, where forced upper case and symbols lead to written-down passwords",
      },
      {
        id: "AwsSolutions-COG2",
        reason:
          "MFA is optional in the pool, which Cognito sets for all users at once: residents (often elderly) sign in with a phone number already verified by SMS, and a mandatory second factor would shut them out of a free public service. Admins and community workers must have TOTP: the pre-token-generation trigger (functions/auth/pre-token.ts) gives a token their group only when TOTP is on, and Cognito challenges everyone who has it at every sign-in",
      },
      {
        id: "AwsSolutions-COG8",
        reason:
          "Threat protection needs the Plus feature plan, billed per monthly active user; a free district service stays on Essentials, with Cognito's own sign-in quotas and the API's throttling",
      },
      {
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "The SMS role Cognito uses to send verification codes: sns:Publish to a phone number has no resource ARN, so the resource must be *",
      },
    );
  }

  /**
   * A trigger's function, on the pool; `onPool`: the one action it may take on the
   * pool's users, in a policy of its own (not the role's default one: the pool
   * already depends on the function, so the function must not depend on the
   * pool's ARN).
   */
  private addTrigger(
    id: string,
    operation: UserPoolOperation,
    props: AppFunctionProps & { onPool?: { policy: string; action: string } },
  ): void {
    const { onPool, ...fnProps } = props;
    const trigger = new AppFunction(this, id, fnProps);
    this.userPool.addTrigger(operation, trigger.fn);
    if (!onPool) return;
    new Policy(this, onPool.policy, {
      roles: [trigger.role],
      statements: [new PolicyStatement({ actions: [onPool.action], resources: [this.userPool.userPoolArn] })],
    });
  }

  /**
   * Trust and safety (issue 19): the pre-sign-up trigger (mainland mobiles only,
   * rate-limited), the pre-token trigger (MFA for admins and staff) and the pool's
   * web ACL (per-IP rates).
   */
  private addTrustAndSafety(props: AuthProps): void {
    this.addTrigger("PreSignUp", UserPoolOperation.PRE_SIGN_UP, {
      handler: TRIGGERS.preSignUp,
      defaults: props.defaults,
      table: props.table,
      access: { actions: ["dynamodb:UpdateItem"] },
      description: "Cognito pre-sign-up: mainland mobiles only, sign-ups rate-limited",
    });
    this.addTrigger("PreToken", UserPoolOperation.PRE_TOKEN_GENERATION, {
      handler: TRIGGERS.preToken,
      defaults: props.defaults,
      description: "Cognito pre-token-generation: the admins and staff groups only with TOTP on",
      onPool: { policy: "TriggerMayReadMfa", action: "cognito-idp:AdminGetUser" },
    });
    new PoolWaf(this, "Waf", { userPoolArn: this.userPool.userPoolArn });
  }

  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  get baseUrl(): string {
    return this.domain.baseUrl();
  }

  /** The storefront's public client: authorization code + PKCE, callback `<siteUrl>/login/`. */
  addStorefrontClient(siteUrl: string): UserPoolClient {
    const read = new ClientAttributes()
      .withStandardAttributes({
        fullname: true,
        phoneNumber: true,
        phoneNumberVerified: true,
        email: true,
        emailVerified: true,
      })
      .withCustomAttributes("community", "branch");
    // Residents edit their own name and contact; community and branch are set by admins.
    const write = new ClientAttributes().withStandardAttributes({
      fullname: true,
      phoneNumber: true,
      email: true,
    });
    this.client = this.userPool.addClient("Storefront", {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.PHONE, OAuthScope.EMAIL],
        callbackUrls: [`${siteUrl}/login/`],
        logoutUrls: [`${siteUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      readAttributes: read,
      writeAttributes: write,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    return this.client;
  }
}
