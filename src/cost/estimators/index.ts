import { estimateAutoScalingGroup } from './autoscaling.js';
import { estimateAppRunner, estimateEcrRepository, estimateEcsService } from './containers.js';
import { estimateCacheCluster, estimateDbCluster, estimateDbInstance, estimateReplicationGroup } from './database.js';
import { estimateEip, estimateInstance, estimateNatGateway, estimateVolume } from './ec2.js';
import { estimateBucket, estimateDistribution } from './edge.js';
import { estimateClassicLoadBalancer, estimateLoadBalancerV2 } from './network.js';
import { estimateAlarm, estimateDashboard, estimateHostedZone, estimateLogGroup, estimateSecret, estimateWebAcl } from './ops.js';
import type { Estimator } from './types.js';

export const ESTIMATORS: Readonly<Record<string, Estimator>> = {
  'AWS::AppRunner::Service': estimateAppRunner,
  'AWS::AutoScaling::AutoScalingGroup': estimateAutoScalingGroup,
  'AWS::CloudFront::Distribution': estimateDistribution,
  'AWS::CloudWatch::Alarm': estimateAlarm,
  'AWS::CloudWatch::Dashboard': estimateDashboard,
  'AWS::EC2::EIP': estimateEip,
  'AWS::EC2::Instance': estimateInstance,
  'AWS::EC2::NatGateway': estimateNatGateway,
  'AWS::EC2::Volume': estimateVolume,
  'AWS::ECR::Repository': estimateEcrRepository,
  'AWS::ECS::Service': estimateEcsService,
  'AWS::ElastiCache::CacheCluster': estimateCacheCluster,
  'AWS::ElastiCache::ReplicationGroup': estimateReplicationGroup,
  'AWS::ElasticLoadBalancing::LoadBalancer': estimateClassicLoadBalancer,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': estimateLoadBalancerV2,
  'AWS::Logs::LogGroup': estimateLogGroup,
  'AWS::RDS::DBCluster': estimateDbCluster,
  'AWS::RDS::DBInstance': estimateDbInstance,
  'AWS::Route53::HostedZone': estimateHostedZone,
  'AWS::S3::Bucket': estimateBucket,
  'AWS::SecretsManager::Secret': estimateSecret,
  'AWS::WAFv2::WebACL': estimateWebAcl,
};
