/** Small builders for DynamoDB expressions, so no handler or repository hand-writes placeholders. */
export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** `SET a = :a, …  ADD n :n  REMOVE x` from plain objects; names are always aliased. */
export function update(spec: {
  set?: Record<string, unknown>;
  add?: Record<string, number>;
  remove?: string[];
}): UpdateParts {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  let n = 0;
  const name = (attr: string) => {
    const base = `#${attr.replace(/[^A-Za-z0-9_]/g, "_")}`;
    // Attributes that differ only in non-ASCII characters (Chinese names) need distinct aliases.
    let alias = base;
    for (let i = 1; names[alias] !== undefined && names[alias] !== attr; i++) alias = `${base}_${i}`;
    names[alias] = attr;
    return alias;
  };
  const value = (v: unknown) => {
    const alias = `:v${n++}`;
    values[alias] = v;
    return alias;
  };
  const parts: string[] = [];
  const set = Object.entries(spec.set ?? {}).filter(([, v]) => v !== undefined);
  if (set.length) parts.push(`SET ${set.map(([k, v]) => `${name(k)} = ${value(v)}`).join(", ")}`);
  const add = Object.entries(spec.add ?? {});
  if (add.length) parts.push(`ADD ${add.map(([k, v]) => `${name(k)} ${value(v)}`).join(", ")}`);
  if (spec.remove?.length) parts.push(`REMOVE ${spec.remove.map(name).join(", ")}`);
  return {
    UpdateExpression: parts.join(" "),
    ExpressionAttributeNames: names,
    ...(n > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** Merge a condition's names/values into update parts. */
export function withCondition(
  parts: UpdateParts,
  condition: string,
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
) {
  return {
    ...parts,
    ConditionExpression: condition,
    ExpressionAttributeNames: { ...parts.ExpressionAttributeNames, ...names },
    ...(parts.ExpressionAttributeValues || Object.keys(values).length
      ? { ExpressionAttributeValues: { ...parts.ExpressionAttributeValues, ...values } }
      : {}),
  };
}
