import type { Path, Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Composite, Unknown, asString, isRecord } from '../../model/values.js';
import { givenAtDeployment, valueOrigin } from '../lib/provenance.js';
import { decodeUserData, isSecretsManagerReference, judgeVariable, scanScript } from './detect.js';

/** Where each type keeps name → value maps of variables. */
const MAPS: Readonly<Record<string, readonly Path[]>> = {
  'AWS::Lambda::Function': [['Environment', 'Variables']],
  'AWS::Serverless::Function': [['Environment', 'Variables']],
};
/** Where each type keeps `[{Name, Value}]` lists of variables. */
const LISTS: Readonly<Record<string, readonly Path[]>> = {
  'AWS::AppRunner::Service': [
    ['SourceConfiguration', 'ImageRepository', 'ImageConfiguration', 'RuntimeEnvironmentVariables'],
    ['SourceConfiguration', 'CodeRepository', 'CodeConfiguration', 'CodeConfigurationValues', 'RuntimeEnvironmentVariables'],
  ],
};
const USER_DATA: Readonly<Record<string, Path>> = {
  'AWS::EC2::Instance': ['UserData'],
  'AWS::AutoScaling::LaunchConfiguration': ['UserData'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'UserData'],
};

type Messages = 'literal' | 'parameter-default' | 'dynamic-reference' | 'user-data' | 'user-data-shape';
type Ctx = RuleContext<Messages>;

/**
 * The text of `container[key]` when it is a literal written in the input (or read from an
 * account), else undefined. A value chosen at deployment (a parameter without Default or given
 * on the command line, an SSM parameter, an import) is not a literal of the template and is not
 * read; any other unknown value is recorded. Composite strings (`Fn::Sub` over references) keep
 * `${Name}` for the references, which is never a literal.
 */
function literalText(ctx: Ctx, resource: Resource, container: Readonly<Record<string, unknown>>, key: string, path: Path): { text: string; parameter?: string } | undefined {
  const origin = valueOrigin(ctx, resource, container, key);
  if (origin?.kind === 'parameter' && givenAtDeployment(origin.parameter)) return undefined;
  const value = ctx.tolerate(() => container[key]);
  if (value instanceof Unknown) {
    if (origin?.kind !== 'import') ctx.unknown(value.reason, path);
    return undefined;
  }
  const text = value instanceof Composite ? value.text() : asString(value);
  if (text === undefined) return undefined;
  return origin?.kind === 'parameter' ? { text, parameter: origin.parameter.name } : { text };
}

function judge(ctx: Ctx, resource: Resource, name: string, container: Readonly<Record<string, unknown>>, key: string, where: string, path: Path): void {
  const literal = literalText(ctx, resource, container, key, path);
  if (!literal) return;
  const hit = judgeVariable(name, literal.text);
  if (!hit) return;
  const data = { where, name: hit.name, masked: hit.masked, why: hit.why };
  if (literal.parameter !== undefined) ctx.report({ messageId: 'parameter-default', data: { ...data, parameter: literal.parameter }, path });
  else ctx.report({ messageId: 'literal', data, path });
}

function checkMap(ctx: Ctx, resource: Resource, at: Path): void {
  const vars = ctx.get(resource, at);
  if (!isRecord(vars)) return;
  for (const name of Object.keys(vars)) judge(ctx, resource, name, vars, name, 'environment variable', ['Properties', ...at, name]);
}

/** A `[{Name, Value}]` list; `onItem` sees each literal value first (the ECS dynamic-reference check). */
function checkList(
  ctx: Ctx,
  resource: Resource,
  list: unknown,
  at: Path,
  where: string,
  onItem?: (name: string, item: Readonly<Record<string, unknown>>, path: Path) => boolean,
): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (!isRecord(item)) return;
    const name = asString(item['Name']);
    if (name === undefined) return;
    const path = [...(ctx.sourcePath(resource, item) ?? [...at, i]), 'Value'];
    if (onItem?.(name, item, path)) return;
    judge(ctx, resource, name, item, 'Value', where, path);
  });
}

function checkContainers(ctx: Ctx, task: Resource): void {
  const containers = ctx.get(task, ['ContainerDefinitions']);
  if (!Array.isArray(containers)) return;
  containers.forEach((c, i) => {
    if (!isRecord(c)) return;
    const base = ctx.sourcePath(task, c) ?? ['Properties', 'ContainerDefinitions', i];
    const container = ctx.tolerate(() => asString(c['Name'])) ?? String(i);
    // CloudFormation resolves a dynamic reference before it creates the task definition, so in
    // Environment (unlike Secrets) the secret itself is stored, readable with DescribeTaskDefinition.
    const dynamicReference = (name: string, item: Readonly<Record<string, unknown>>, path: Path): boolean => {
      const value = ctx.tolerate(() => item['Value']);
      const text = value instanceof Composite ? value.text() : asString(value);
      if (text === undefined || !isSecretsManagerReference(text)) return false;
      ctx.report({ messageId: 'dynamic-reference', data: { container, name }, path });
      return true;
    };
    checkList(ctx, task, c['Environment'], [...base, 'Environment'], `container ${container} environment variable`, dynamicReference);
  });
}

function checkUserData(ctx: Ctx, resource: Resource, at: Path): void {
  const holder = ctx.get(resource, at.slice(0, -1));
  if (!isRecord(holder)) return;
  const path = ['Properties', ...at];
  const literal = literalText(ctx, resource, holder, at[at.length - 1] as string, path);
  if (!literal) return;
  for (const hit of scanScript(decodeUserData(literal.text))) {
    if (hit.name === 'a line') ctx.report({ messageId: 'user-data-shape', data: { why: hit.why }, path });
    else ctx.report({ messageId: 'user-data', data: { name: hit.name, masked: hit.masked, why: hit.why }, path });
  }
}

export const noPlaintextSecrets = defineRule({
  meta: {
    id: 'SEC-001',
    name: 'no-plaintext-secrets',
    title: 'No plaintext secrets in environment variables or user data',
    area: 'secrets',
    severity: 'critical',
    resourceTypes: [
      'AWS::ECS::TaskDefinition',
      'AWS::AppRunner::Service',
      'AWS::Lambda::Function',
      'AWS::Serverless::Function',
      'AWS::EC2::Instance',
      'AWS::EC2::LaunchTemplate',
      'AWS::AutoScaling::LaunchConfiguration',
    ],
    rationale:
      'Environment variables and user data are readable by anyone with describe/get permissions, are shown in consoles and land in logs and in templates kept in source control; a secret there is a secret shared with all of them.',
    remediation:
      'Keep the value in Secrets Manager or SSM SecureString and inject it as a secret: ECS ContainerDefinitions Secrets (ValueFrom), App Runner RuntimeEnvironmentSecrets, Lambda fetching at runtime (or the Parameters and Secrets extension), user data reading it with the instance role. Rotate any value that was committed.',
    messages: {
      literal: '{{where}} {{name}}={{masked}} is a plaintext secret ({{why}})',
      'parameter-default': '{{where}} {{name}}={{masked}} is a plaintext secret ({{why}}) (the Default of parameter {{parameter}})',
      'dynamic-reference':
        "container {{container}} environment variable {{name}} is a Secrets Manager dynamic reference: CloudFormation resolves it at deployment and stores the secret in plaintext in the task definition; use the container's Secrets (ValueFrom) instead",
      'user-data': 'user data sets {{name}}={{masked}}: {{why}} in plain text',
      'user-data-shape': 'user data holds {{why}} in plain text',
    },
    seeds: ['002', '004'],
    equivalents: { checkov: ['CKV_AWS_45', 'CKV_AWS_46'], cdkNag: ['ECS2'], awsConfig: ['ecs-task-definition-no-environment-secrets'] },
  },
  check(resource, ctx) {
    for (const at of MAPS[resource.type] ?? []) checkMap(ctx, resource, at);
    for (const at of LISTS[resource.type] ?? []) checkList(ctx, resource, ctx.get(resource, at), ['Properties', ...at], 'environment variable');
    if (resource.type === 'AWS::ECS::TaskDefinition') checkContainers(ctx, resource);
    const userData = USER_DATA[resource.type];
    if (userData) checkUserData(ctx, resource, userData);
  },
});
