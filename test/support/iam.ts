/**
 * The IAM policies of a synthesized template, wherever CDK put them: AWS::IAM::Policy
 * resources, and the inline policies of each AWS::IAM::Role (infra/function.ts puts a
 * function's known rights inline, one resource fewer each), the latter shaped as a
 * policy of that one role. Infra tests read rights through this, never one kind alone.
 */
/** CloudFormation JSON. */
type Json = any;

export function policyResources(resources: Record<string, Json>): [string, Json][] {
  const out: [string, Json][] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === "AWS::IAM::Policy") out.push([id, r]);
    if (r.Type === "AWS::IAM::Role")
      for (const p of r.Properties?.Policies ?? [])
        out.push([
          `${id}/${p.PolicyName}`,
          {
            Type: "AWS::IAM::Policy",
            Properties: { Roles: [{ Ref: id }], PolicyDocument: p.PolicyDocument },
          },
        ]);
  }
  return out;
}
