import type { Resource } from '../../model/resource.js';
import { readArray, readBoolean, readNumber, readString } from '../read.js';
import { ipv4Item } from './ec2.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

/** Fargate/App Runner CPU: "256" (CPU units), "0.25 vCPU", "1 vCPU" → vCPUs. */
export function parseVcpu(s: string): number | undefined {
  const m = /^\s*([\d.]+)\s*(vcpu)?\s*$/i.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? n : n / 1024;
}

/** Memory: "512" (MiB), "0.5 GB", "2GB" → GB. */
export function parseGb(s: string): number | undefined {
  const m = /^\s*([\d.]+)\s*(gb)?\s*$/i.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? n : n / 1024;
}

export function estimateEcsService(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const launch = readString(ctx.read, r, ['LaunchType']);
  const strategy = readArray(ctx.read, r, ['CapacityProviderStrategy']) ?? [];
  let spotWeight = 0;
  let fargateWeight = 0;
  strategy.forEach((_, i) => {
    const cp = readString(ctx.read, r, ['CapacityProviderStrategy', i, 'CapacityProvider']);
    const w = readNumber(ctx.read, r, ['CapacityProviderStrategy', i, 'Weight']);
    const weight = w.known ? w.value : 1;
    if (cp.known && cp.value === 'FARGATE_SPOT') spotWeight += weight;
    else if (cp.known && cp.value === 'FARGATE') fargateWeight += weight;
  });
  const td = ctx.ref(ctx.read(r, ['TaskDefinition']));
  const assumptions: string[] = [];
  const onFargate = (launch.known && launch.value === 'FARGATE') || spotWeight + fargateWeight > 0;
  if (!onFargate) {
    const compat = td ? (readArray(ctx.read, td, ['RequiresCompatibilities']) ?? []) : [];
    if (launch.known || !compat.includes('FARGATE')) return { items: [], free: 'ECS service on EC2 capacity: its cost is in the instances' };
    assumptions.push('no LaunchType or capacity provider: assumed FARGATE (the task definition requires it)');
  }
  if (td?.type !== 'AWS::ECS::TaskDefinition') return { items: [], notPriced: ['task definition not in the scan: task size unknown'] };
  const cpuS = readString(ctx.read, td, ['Cpu']);
  const memS = readString(ctx.read, td, ['Memory']);
  const vcpu = cpuS.known ? parseVcpu(cpuS.value) : undefined;
  const gb = memS.known ? parseGb(memS.value) : undefined;
  if (vcpu === undefined || gb === undefined)
    return { items: [], notPriced: [`task size unknown (Cpu ${cpuS.known ? cpuS.value : cpuS.why}, Memory ${memS.known ? memS.value : memS.why})`] };
  const archS = readString(ctx.read, td, ['RuntimePlatform', 'CpuArchitecture']);
  const arch = archS.known && archS.value.toUpperCase() === 'ARM64' ? 'arm' : 'x86';
  const desired = readNumber(ctx.read, r, ['DesiredCount']);
  let tasks = ctx.usage.peek('taskCount', desired.known ? desired.value : 1, 'DesiredCount');
  if (tasks === undefined) {
    tasks = desired.known ? desired.value : 1;
    if (!desired.known) assumptions.push(`DesiredCount ${desired.why}: assumed 1 task`);
  }
  const strategyShare = spotWeight + fargateWeight > 0 ? spotWeight / (spotWeight + fargateWeight) : 0;
  const spot = ctx.usage.peek('spot', strategyShare === 1, 'capacity provider strategy');
  const spotShare = spot !== undefined ? (spot ? 1 : 0) : strategyShare;
  const discount = spotShare > 0 ? ctx.usage.peek('spotDiscount', 0, 'priced at on-demand') : undefined;
  const items: UsageItem[] = [];
  const parts: [string, number][] =
    spotShare > 0 && spotShare < 1
      ? [
          ['on-demand', tasks * (1 - spotShare)],
          ['Spot', tasks * spotShare],
        ]
      : [[spotShare === 1 ? 'Spot' : 'on-demand', tasks]];
  for (const [kind, n] of parts) {
    const spot = kind === 'Spot';
    const extra = [...assumptions];
    // Fargate Spot has no fixed price (up to 70% off, varies): list price is the upper bound unless a discount is given.
    if (spot && discount === undefined) extra.push('Fargate Spot priced at the on-demand rate (upper bound); set usage spotDiscount');
    const spotArg = spot && discount !== undefined ? { discount } : {};
    const label = `${vcpu} vCPU / ${gb} GB ${arch === 'arm' ? 'ARM' : 'x86'} × ${+n.toFixed(3)} tasks (${kind})`;
    items.push({
      service: 'ECS Fargate',
      description: `${label}: vCPU, ${hours} h`,
      quantity: vcpu * n * hours,
      priceKey: `fargate.${arch}.vcpu`,
      what: `Fargate ${arch} vCPU-hours`,
      ...spotArg,
      ...withAssumptions(extra),
    });
    items.push({
      service: 'ECS Fargate',
      description: `${label}: memory, ${hours} h`,
      quantity: gb * n * hours,
      priceKey: `fargate.${arch}.gb`,
      what: `Fargate ${arch} GB-hours`,
      ...spotArg,
    });
  }
  const pub = readString(ctx.read, r, ['NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp']);
  if (pub.known && pub.value === 'ENABLED') items.push(ipv4Item(tasks, hours, 'Fargate tasks with AssignPublicIp'));
  return { items };
}

// App Runner bills vCPU and memory while active and memory only while provisioned idle:
// https://aws.amazon.com/apprunner/pricing/
export function estimateAppRunner(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const assumptions: string[] = [];
  const cpuS = readString(ctx.read, r, ['InstanceConfiguration', 'Cpu']);
  const memS = readString(ctx.read, r, ['InstanceConfiguration', 'Memory']);
  // CloudFormation defaults: 1 vCPU, 2 GB.
  const vcpu = cpuS.known ? parseVcpu(cpuS.value) : 1;
  const gb = memS.known ? parseGb(memS.value) : 2;
  if (!cpuS.known) assumptions.push(`Cpu ${cpuS.why}: assumed 1 vCPU (App Runner default)`);
  if (!memS.known) assumptions.push(`Memory ${memS.why}: assumed 2 GB (App Runner default)`);
  if (vcpu === undefined || gb === undefined) return { items: [], notPriced: ['instance size unreadable'] };
  const instances = ctx.usage.peek('taskCount', 1, 'one instance') ?? 1;
  let active = ctx.usage.peek('activeHours', hours, 'active all month');
  if (active === undefined) {
    active = hours;
    assumptions.push(`activeHours=${hours} (usage default: active all month, an upper bound)`);
  }
  active = Math.min(active, hours);
  const idle = hours - active;
  const label = `${vcpu} vCPU / ${gb} GB × ${instances}`;
  const items: UsageItem[] = [
    {
      service: 'App Runner',
      description: `${label}: active vCPU, ${active} h`,
      quantity: vcpu * instances * active,
      priceKey: 'apprunner.active.vcpu',
      what: 'App Runner active vCPU-hours',
      ...withAssumptions(assumptions),
    },
    {
      service: 'App Runner',
      description: `${label}: active memory, ${active} h`,
      quantity: gb * instances * active,
      priceKey: 'apprunner.active.gb',
      what: 'App Runner active GB-hours',
    },
  ];
  if (idle > 0)
    items.push({
      service: 'App Runner',
      description: `${label}: provisioned (idle) memory, ${idle} h`,
      quantity: gb * instances * idle,
      priceKey: 'apprunner.provisioned.gb',
      what: 'App Runner provisioned GB-hours',
    });
  // Automatic deployments from a source repository or ECR cost a flat fee per application and month.
  const auto = readBoolean(ctx.read, r, ['SourceConfiguration', 'AutoDeploymentsEnabled']);
  if (auto.known && auto.value)
    items.push({
      service: 'App Runner',
      description: 'automatic deployments enabled',
      quantity: hours / ctx.usage.hoursPerMonth,
      priceKey: 'apprunner.auto_deploy',
      what: 'App Runner automatic deployments',
    });
  return { items };
}

export function estimateEcrRepository(_r: Resource, ctx: EstimateContext): EstimateResult {
  const gb = ctx.usage.get('storageGB', 1);
  return { items: [{ service: 'ECR', description: `image storage ${gb} GB`, quantity: gb, priceKey: 'ecr.storage', what: 'ECR storage', ...withAssumptions(ctx.usage.take()) }] };
}
