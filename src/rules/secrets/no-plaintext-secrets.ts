import type { Path, Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Composite, Unknown, asString, isRecord, type Assumptions } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { decodeUserData, judgeVariable, scanScript, type SecretHit } from './detect.js';

/** Where each type keeps name/value variables: a map (`Variables`) or `[{Name, Value}]` lists. */
const MAPS: Readonly<Record<string, readonly Path[]>> = {
  'AWS::Lambda::Function': [['Environment', 'Variables']],
  'AWS::Serverless::Function': [['Environment', 'Variables']],
};
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

const describeHit = (h: SecretHit): string => (h.name === 'a line' ? `holds ${h.why}` : `sets ${h.name}=${h.masked}: ${h.why}`);

/**
 * A value that reached the template through a parameter: its Default is written in the template
 * (a literal); a value given with --parameter is the deployer's and not a template literal.
 */
function parameterOrigin(ctx: RuleContext, resource: Resource, rawPath: Path): { skip: boolean; note: string } {
  const raw = ctx.raw(resource, rawPath);
  if (!isRecord(raw) || typeof raw['Ref'] !== 'string') return { skip: false, note: '' };
  const p = ctx.parameter(resource, raw['Ref']);
  if (!p) return { skip: false, note: '' };
  if (p.overridden) return { skip: true, note: '' };
  return { skip: false, note: ` (the Default of parameter ${p.name})` };
}

/** Judges one variable value; Unknown values are not literals in a template, but unread ones in an account. */
function judge(ctx: RuleContext, resource: Resource, name: string, value: unknown, where: string, path: Path, rawPath: Path | undefined, when: Assumptions): void {
  if (value instanceof Unknown) {
    if (ctx.input === 'account') ctx.notEvaluated(resource, `${where} ${name}: the value could not be read: ${value.reason}`, { path });
    return;
  }
  const text = value instanceof Composite ? undefined : asString(value);
  if (text === undefined) return;
  const hit = judgeVariable(name, text);
  if (!hit) return;
  const origin = rawPath ? parameterOrigin(ctx, resource, rawPath) : { skip: false, note: '' };
  if (origin.skip) return;
  ctx.fail(resource, `${where} ${hit.name}=${hit.masked} is a plaintext secret (${hit.why})${origin.note}${whenText(when)}`, { path });
}

function checkMap(ctx: RuleContext, resource: Resource, at: Path, where: string): void {
  for (const p of ctx.values(resource, at)) {
    if (p.value instanceof Unknown) {
      if (ctx.input === 'account') ctx.notEvaluated(resource, `${where}: the variables could not be read: ${p.value.reason}`, { path: ['Properties', ...at] });
      continue;
    }
    if (!isRecord(p.value)) continue;
    for (const [name, value] of Object.entries(p.value)) judge(ctx, resource, name, value, where, ['Properties', ...at, name], [...at, name], p.when);
  }
}

function checkList(ctx: RuleContext, resource: Resource, list: unknown, fallback: Path, where: string, when: Assumptions): void {
  if (list instanceof Unknown) {
    if (ctx.input === 'account') ctx.notEvaluated(resource, `${where}: the variables could not be read: ${list.reason}`, { path: fallback });
    return;
  }
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (!isRecord(item)) return;
    const name = asString(item['Name']);
    if (name === undefined) return;
    const itemPath = ctx.sourcePath(resource, item) ?? [...fallback, i];
    judge(ctx, resource, name, item['Value'], where, [...itemPath, 'Value'], itemPath[0] === 'Properties' ? [...itemPath.slice(1), 'Value'] : undefined, when);
  });
}

function checkUserData(ctx: RuleContext, resource: Resource, at: Path): void {
  for (const p of ctx.values(resource, at)) {
    const path = ['Properties', ...at];
    if (p.value instanceof Unknown) {
      if (ctx.input === 'account') ctx.notEvaluated(resource, `user data could not be read: ${p.value.reason}`, { path });
      continue;
    }
    // References inside Fn::Sub stay `${Name}`, which is not a literal.
    const text = p.value instanceof Composite ? p.value.text() : asString(p.value);
    if (text === undefined) continue;
    for (const hit of scanScript(decodeUserData(text))) ctx.fail(resource, `user data ${describeHit(hit)} in plain text${whenText(p.when)}`, { path });
  }
}

export const noPlaintextSecrets: Rule = {
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
    rationale: 'Environment variables and user data are readable by anyone with describe/get permissions, are shown in consoles and land in logs and templates in source control; 004 passes DATABASE_PASSWORD and PASSPORT_SECRET to App Runner that way, while 002 and 003 keep credentials in Secrets Manager.',
    remediation: 'Keep the value in Secrets Manager or SSM SecureString and inject it as a secret: ECS ContainerDefinitions Secrets (ValueFrom), App Runner RuntimeEnvironmentSecrets, Lambda fetching at runtime (or the Parameters and Secrets extension), user data reading it with the instance role. Rotate any value that was committed.',
    seeds: ['002', '004'],
    equivalents: { checkov: ['CKV_AWS_45', 'CKV_AWS_46'], cdkNag: ['ECS2'], awsConfig: ['ecs-task-definition-no-environment-secrets'] },
  },
  check(resource, ctx) {
    for (const at of MAPS[resource.type] ?? []) checkMap(ctx, resource, at, 'environment variable');
    for (const at of LISTS[resource.type] ?? []) {
      for (const p of ctx.values(resource, at)) checkList(ctx, resource, p.value, ['Properties', ...at], 'environment variable', p.when);
    }
    if (resource.type === 'AWS::ECS::TaskDefinition') {
      for (const p of ctx.values(resource, ['ContainerDefinitions'])) {
        if (p.value instanceof Unknown) {
          if (ctx.input === 'account') ctx.notEvaluated(resource, `the container definitions could not be read: ${p.value.reason}`, { path: ['Properties', 'ContainerDefinitions'] });
          continue;
        }
        if (!Array.isArray(p.value)) continue;
        p.value.forEach((c, i) => {
          if (!isRecord(c)) return;
          const base = ctx.sourcePath(resource, c) ?? ['Properties', 'ContainerDefinitions', i];
          const name = asString(c['Name']);
          checkList(ctx, resource, c['Environment'], [...base, 'Environment'], `container ${name ?? i} environment variable`, p.when);
        });
      }
    }
    const userData = USER_DATA[resource.type];
    if (userData) checkUserData(ctx, resource, userData);
  },
};
