/** Environment, read and checked once at cold start. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export const env = {
  tableName: required("TABLE_NAME"),
  /** Set locally and in tests (DynamoDB Local); unset on Lambda. */
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION ?? "cn-north-1",
  districtName: process.env.DISTRICT_NAME ?? "拱墅区",
  /** Deployed, on the erasure function only (DELETE /api/me): the Cognito user pool whose user it deletes. */
  userPoolId: process.env.USER_POOL_ID,
};
