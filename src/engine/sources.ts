// An input as the engine reads it: a loose template, a cloud assembly (its stacks import from
// each other), or an account. Each input is evaluated on its own, with its own index, region,
// parameters and secrets, so inputs scanned together cannot leak into each other.

import type { FindingResource } from '../model/finding.js';
import type { FailedRead } from '../model/inventory.js';
import type { Path, Resource } from '../model/resource.js';
import { inputKey } from '../model/resource.js';
import type { ParameterDeclaration } from '../model/rule.js';
import { outsideRuns } from '../model/scenario.js';
import { Composite, ResourceRef, type Unknown, isRecord } from '../model/values.js';
import { NO_VALUE, type Resolver } from '../scanners/cloudformation/resolve.js';
import type { TemplateUnit } from '../scanners/cloudformation/to-resources.js';
import { LiteralViews } from './literal-view.js';

export interface InputSource {
  /** The input's identity: a template file, a cloud assembly directory, `account 1111…`. */
  readonly key: string;
  readonly kind: 'template' | 'account';
  readonly resources: readonly Resource[];
  /** The resource's properties in the current scenario (a view; Unknown reads are recorded). */
  props(r: Resource): unknown;
  /** Whether the resource exists in the current scenario. */
  exists(r: Resource): boolean;
  parameter(r: Resource, name: string): ParameterDeclaration | undefined;
  /** The first of `names` that the resource's stack declares, with its value in the current scenario. */
  stackParameter(r: Resource, names: readonly string[]): { name: string; value: string } | undefined;
  sourcePath(r: Resource, node: unknown): Path | undefined;
  /** Whether a property is written in the resource (before resolution). */
  written(r: Resource, key: string): boolean;
  /** Where a finding on `path` of the resource points: file/line/column or account/region. */
  locate(r: Resource, path: Path | undefined): Partial<FindingResource>;
  /** Where a template-absolute path of the resource's template points. */
  locateAbsolute(r: Resource, path: Path): Partial<FindingResource>;
  /** Why the list of `type` near `from` is not whole (a failed read, a fact the input cannot show). */
  incomplete(type: string, from: Resource): string | undefined;
  /** Resources `r` refers to (a superset of what any scenario reads), for the reverse index. */
  references(r: Resource, byPhysical: (id: string) => Resource | undefined): readonly Resource[];
  /** Values never printed: secret parameters' values and every value given on the command line. */
  readonly secrets: readonly string[];
  readonly notes: readonly string[];
  /** Live audits: list calls that failed. */
  readonly failedReads?: readonly FailedRead[];
  /** Drops what evaluating the input cached (resolved values); reads still work afterwards. */
  release?(): void;
}

/** Facts about the account that no template shows, whatever it defines. */
const TEMPLATE_CANNOT_SHOW: ReadonlyMap<string, string> = new Map([
  ['AWS::CloudWatch::Alarm', 'a template shows only the alarms it defines; whether the account has a billing alarm is visible in a live audit (stackaudit audit)'],
]);

/** Groups template units into inputs: one per loose template, one per cloud assembly. */
export function templateSources(units: readonly TemplateUnit[], given: Readonly<Record<string, string>> = {}): InputSource[] {
  const groups = new Map<string, TemplateUnit[]>();
  for (const u of units) {
    const list = groups.get(u.inputKey) ?? [];
    list.push(u);
    groups.set(u.inputKey, list);
  }
  return [...groups.entries()].map(([key, list]) => templateSource(key, list, given));
}

function templateSource(key: string, units: readonly TemplateUnit[], given: Readonly<Record<string, string>>): InputSource {
  const unitOf = new Map<Resource, TemplateUnit>();
  const resources: Resource[] = [];
  for (const u of units) {
    for (const r of u.resources) {
      unitOf.set(r, u);
      resources.push(r);
    }
  }
  const propsPath = new Map<Resource, Path>();
  const idsOf = new Map<TemplateUnit, Map<string, Resource>>();
  const refNodes = new Map<Resolver, Map<string, object>>();
  const refNode = (resolver: Resolver, name: string): object => {
    let m = refNodes.get(resolver);
    if (!m) refNodes.set(resolver, (m = new Map()));
    let n = m.get(name);
    if (!n) m.set(name, (n = { Ref: name }));
    return n;
  };
  const secrets = new Set<string>(Object.values(given).filter((v) => v.length >= 6));
  for (const u of units) for (const s of u.resolver.secretValues()) if (s.length >= 4) secrets.add(s);
  return {
    key,
    kind: 'template',
    resources,
    props(r) {
      const unit = unitOf.get(r);
      if (!unit || r.unexpanded) return {};
      let path = propsPath.get(r);
      if (!path) propsPath.set(r, (path = ['Resources', r.id, 'Properties']));
      const v = unit.resolver.read(r.properties, path);
      return v === NO_VALUE ? undefined : v;
    },
    exists(r) {
      const unit = unitOf.get(r);
      if (!unit || r.condition === undefined) return true;
      return unit.resolver.conditionHolds(r.condition, ['Resources', r.id, 'Condition']);
    },
    parameter(r, name) {
      const info = unitOf.get(r)?.resolver.parameter(name);
      return info
        ? { name: info.name, type: info.type, noEcho: info.noEcho, hasDefault: info.hasDefault, overridden: info.overridden, ...(info.hasDefault ? { default: info.default } : {}) }
        : undefined;
    },
    stackParameter(r, names) {
      const resolver = unitOf.get(r)?.resolver;
      if (!resolver) return undefined;
      for (const name of names) {
        if (!resolver.parameter(name)) continue;
        const v = resolver.value(refNode(resolver, name), ['Parameters', name]);
        if (typeof v === 'string') return { name, value: v };
      }
      return undefined;
    },
    sourcePath(r, node) {
      const p = unitOf.get(r)?.resolver.sourcePath(node);
      // Paths from the resolver are template-absolute; rules speak relative to the resource.
      if (p && p[0] === 'Resources' && p[1] === r.id) return p.slice(2);
      return undefined;
    },
    written: (r, k) => isRecord(r.properties) && Object.hasOwn(r.properties, k),
    locate(r, path) {
      const unit = unitOf.get(r);
      // Whole-input findings (a missing billing alarm) name a synthetic resource.
      if (!unit) return r.origin.kind === 'template' ? { file: r.origin.file, ...(r.origin.stack !== undefined ? { stack: r.origin.stack } : {}) } : {};
      const base = unit.origins.get(r.id) ?? ['Resources', r.id];
      const pos = unit.input.template.position([...base, ...(path ?? [])]);
      return { file: unit.input.file, ...(unit.input.stack !== undefined ? { stack: unit.input.stack } : {}), line: pos.line, column: pos.column };
    },
    locateAbsolute(r, path) {
      const unit = unitOf.get(r);
      if (!unit) return this.locate(r, undefined);
      const pos = unit.input.template.position(path);
      return { file: unit.input.file, ...(unit.input.stack !== undefined ? { stack: unit.input.stack } : {}), line: pos.line, column: pos.column };
    },
    incomplete: (type) => TEMPLATE_CANNOT_SHOW.get(type),
    references(r) {
      const unit = unitOf.get(r);
      if (!unit) return [];
      const out = new Set<Resource>();
      let byId = idsOf.get(unit);
      if (!byId) {
        byId = new Map();
        for (const x of unit.resources) byId.set(x.id, x);
        idsOf.set(unit, byId);
      }
      collectReferences(r.properties, byId, out, (raw) => outsideRuns(() => unit.resolver.value(raw, [])), resourcesByScope);
      out.delete(r);
      return [...out];
    },
    secrets: [...secrets].sort((a, b) => b.length - a.length),
    notes: units.flatMap((u) => u.notes),
    release() {
      for (const u of units) u.resolver.release();
      propsPath.clear();
      idsOf.clear();
    },
  };

  function resourcesByScope(scope: string, id: string): Resource | undefined {
    for (const u of units) {
      if (u.input.scope !== scope) continue;
      let byId = idsOf.get(u);
      if (!byId) {
        byId = new Map();
        for (const x of u.resources) byId.set(x.id, x);
        idsOf.set(u, byId);
      }
      return byId.get(id);
    }
    return undefined;
  }
}

/**
 * Every resource a raw property tree names: `Ref`, `Fn::GetAtt`, `${Id}` / `${Id.Attr}` in
 * `Fn::Sub`, and what an `Fn::ImportValue` brings in from another stack. Syntactic, so it holds
 * in every scenario at once.
 */
function collectReferences(
  raw: unknown,
  byId: ReadonlyMap<string, Resource>,
  out: Set<Resource>,
  resolveImport: (raw: unknown) => unknown,
  inScope: (scope: string, id: string) => Resource | undefined,
): void {
  const todo: unknown[] = [raw];
  let budget = 200_000;
  while (todo.length > 0 && --budget > 0) {
    const n = todo.pop();
    if (Array.isArray(n)) {
      for (const x of n) if (x !== null && typeof x === 'object') todo.push(x);
      continue;
    }
    if (!isRecord(n)) continue;
    const keys = Object.keys(n);
    if (keys.length === 1) {
      const k = keys[0]!;
      const v = n[k];
      if (k === 'Ref' && typeof v === 'string') {
        const hit = byId.get(v);
        if (hit) out.add(hit);
        continue;
      }
      if (k === 'Fn::GetAtt') {
        const id = typeof v === 'string' ? v.split('.')[0] : Array.isArray(v) ? v[0] : undefined;
        const hit = typeof id === 'string' ? byId.get(id) : undefined;
        if (hit) out.add(hit);
        continue;
      }
      if (k === 'Fn::Sub') {
        const text = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
        for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const hit = byId.get(m[1]!.split('.')[0]!.trim());
          if (hit) out.add(hit);
        }
        if (Array.isArray(v) && v[1] !== null && typeof v[1] === 'object') todo.push(v[1]);
        continue;
      }
      if (k === 'Fn::ImportValue') {
        addRefs(resolveImport(n), out, inScope, 0);
        continue;
      }
    }
    for (const k of keys) {
      const v = n[k];
      if (v !== null && typeof v === 'object') todo.push(v);
    }
  }
}

function addRefs(v: unknown, out: Set<Resource>, inScope: (scope: string, id: string) => Resource | undefined, depth: number): void {
  if (depth > 32) return;
  if (v instanceof ResourceRef) {
    const hit = inScope(v.scope, v.logicalId);
    if (hit) out.add(hit);
  } else if (v instanceof Composite) for (const p of v.parts) addRefs(p, out, inScope, depth + 1);
  else if (Array.isArray(v)) for (const x of v) addRefs(x, out, inScope, depth + 1);
  else if (isRecord(v)) for (const k of Object.keys(v)) addRefs(v[k], out, inScope, depth + 1);
}

/** Which list call reads each resource type in a live audit (for failed reads that do not name their types). */
const LISTED_BY: Readonly<Record<string, string>> = {
  'AWS::EC2::SecurityGroup': 'ec2:DescribeSecurityGroups',
  'AWS::EC2::Subnet': 'ec2:DescribeSubnets',
  'AWS::EC2::RouteTable': 'ec2:DescribeRouteTables',
  'AWS::EC2::Route': 'ec2:DescribeRouteTables',
  'AWS::EC2::SubnetRouteTableAssociation': 'ec2:DescribeRouteTables',
  'AWS::EC2::VPC': 'ec2:DescribeVpcs',
  'AWS::EC2::InternetGateway': 'ec2:DescribeInternetGateways',
  'AWS::EC2::VPCGatewayAttachment': 'ec2:DescribeInternetGateways',
  'AWS::EC2::PrefixList': 'ec2:DescribeManagedPrefixLists',
  'AWS::EC2::Instance': 'ec2:DescribeInstances',
  'AWS::RDS::DBInstance': 'rds:DescribeDBInstances',
  'AWS::RDS::DBSubnetGroup': 'rds:DescribeDBInstances',
  'AWS::RDS::DBCluster': 'rds:DescribeDBClusters',
  'AWS::CloudWatch::Alarm': 'cloudwatch:DescribeAlarms',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'elasticloadbalancing:DescribeLoadBalancers',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'elasticloadbalancing:DescribeTargetGroups',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'elasticloadbalancing:DescribeLoadBalancers',
  'AWS::CloudFront::Distribution': 'cloudfront:ListDistributions',
  'AWS::EC2::Volume': 'ec2:DescribeVolumes',
  'AWS::EC2::LaunchTemplate': 'ec2:DescribeLaunchTemplates',
  'AWS::ElasticLoadBalancingV2::Listener': 'elasticloadbalancing:DescribeListeners',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'elasticloadbalancing:DescribeRules',
  'AWS::S3::Bucket': 's3:ListBuckets',
  'AWS::SecretsManager::Secret': 'secretsmanager:ListSecrets',
  'AWS::ECR::Repository': 'ecr:DescribeRepositories',
  'AWS::Logs::LogGroup': 'logs:DescribeLogGroups',
};

/**
 * Types a live audit does not read at all: a rule asking whether one exists gets this reason
 * instead of "none", so its verdict is not-evaluated rather than a guess.
 */
// DocDB and Neptune clusters come back from rds:DescribeDBClusters and are read as RDS clusters.
const NOT_COLLECTED: ReadonlySet<string> = new Set([
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupSelection',
  'AWS::Backup::BackupVault',
  'AWS::DLM::LifecyclePolicy',
  'AWS::RDS::GlobalCluster',
  'AWS::RDS::DBInstanceAutomatedBackupsReplication',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
]);

/** Global services: their resources are read once, wherever the account is audited. */
const GLOBAL_TYPES = new Set(['AWS::CloudFront::Distribution', 'AWS::S3::Bucket', 'AWS::S3::AccountPublicAccessBlock']);

export function accountSource(resources: readonly Resource[], failedReads: readonly FailedRead[] = [], account?: string): InputSource {
  const first = resources.find((r) => r.origin.kind === 'account');
  const accountId = account ?? (first?.origin.kind === 'account' ? first.origin.account : 'unknown');
  const views = new LiteralViews(`account ${accountId}`);
  const propsPath = new Map<Resource, Path>();
  return {
    key: `account ${accountId}`,
    kind: 'account',
    resources,
    failedReads,
    props(r) {
      let path = propsPath.get(r);
      if (!path) propsPath.set(r, (path = ['Properties']));
      return views.read(r.properties, path);
    },
    exists: () => true,
    parameter: () => undefined,
    stackParameter: () => undefined,
    sourcePath: () => undefined,
    written: (r, k) => Object.hasOwn(r.properties, k) && r.properties[k] !== undefined,
    locate(r): Partial<FindingResource> {
      return r.origin.kind === 'account' ? { account: r.origin.account, region: r.origin.region } : {};
    },
    locateAbsolute(r) {
      return r.origin.kind === 'account' ? { account: r.origin.account, region: r.origin.region } : {};
    },
    incomplete(type, from) {
      const region = from.origin.kind === 'account' ? from.origin.region : undefined;
      const f = failedReads.find((x) => (x.types ? x.types.includes(type) : LISTED_BY[type] === x.call) && (region === undefined || x.region === region || GLOBAL_TYPES.has(type)));
      if (f) return `${f.call} failed in ${f.region}: ${f.error}`;
      return NOT_COLLECTED.has(type) ? `a live audit does not read ${type} resources` : undefined;
    },
    references(r, byPhysical) {
      const out = new Set<Resource>();
      const todo: unknown[] = [r.properties];
      let budget = 100_000;
      while (todo.length > 0 && --budget > 0) {
        const n = todo.pop();
        if (typeof n === 'string') {
          const hit = byPhysical(n);
          if (hit && hit !== r) out.add(hit);
        } else if (Array.isArray(n)) for (const x of n) todo.push(x);
        else if (isRecord(n)) for (const k of Object.keys(n)) todo.push(n[k]);
      }
      return [...out];
    },
    secrets: [],
    notes: [],
  };
}

export { inputKey };
export type { Unknown };
