import { estimateAutoScalingGroup } from './autoscaling.js';
import { estimateAppRunner, estimateEcrRepository, estimateEcsService } from './containers.js';
import { estimateCacheCluster, estimateReplicationGroup } from './cache.js';
import { estimateDbCluster, estimateDbInstance } from './database.js';
import { estimateEip, estimateInstance, estimateNatGateway, estimateVolume } from './ec2.js';
import { estimateAmplifyApp, estimateBucket, estimateDistribution } from './edge.js';
import { estimateEksCluster, estimateEksNodegroup, estimateTransitGatewayAttachment, estimateVpcEndpoint } from './endpoints.js';
import { estimateClassicLoadBalancer, estimateLoadBalancerV2 } from './network.js';
import { estimateAlarm, estimateBackupVault, estimateDashboard, estimateHostedZone, estimateLogGroup, estimateSecret, estimateWebAcl } from './ops.js';
import {
  estimateApiGatewayStage,
  estimateDynamoDbTable,
  estimateEfsFileSystem,
  estimateHttpApi,
  estimateKmsKey,
  estimateLambdaAliasOrVersion,
  estimateLambdaFunction,
  estimateRestApi,
  estimateSnsTopic,
  estimateSqsQueue,
} from './serverless.js';
import type { Estimator } from './types.js';

export const ESTIMATORS: Readonly<Record<string, Estimator>> = {
  'AWS::ApiGateway::RestApi': estimateRestApi,
  'AWS::ApiGateway::Stage': estimateApiGatewayStage,
  'AWS::ApiGatewayV2::Api': estimateHttpApi,
  'AWS::Amplify::App': estimateAmplifyApp,
  'AWS::AppRunner::Service': estimateAppRunner,
  'AWS::AutoScaling::AutoScalingGroup': estimateAutoScalingGroup,
  'AWS::Backup::BackupVault': estimateBackupVault,
  'AWS::CloudFront::Distribution': estimateDistribution,
  'AWS::CloudWatch::Alarm': estimateAlarm,
  'AWS::CloudWatch::Dashboard': estimateDashboard,
  'AWS::DynamoDB::Table': estimateDynamoDbTable,
  'AWS::EC2::EIP': estimateEip,
  'AWS::EC2::Instance': estimateInstance,
  'AWS::EC2::NatGateway': estimateNatGateway,
  'AWS::EC2::TransitGatewayAttachment': estimateTransitGatewayAttachment,
  'AWS::EC2::TransitGatewayVpcAttachment': estimateTransitGatewayAttachment,
  'AWS::EC2::VPCEndpoint': estimateVpcEndpoint,
  'AWS::EC2::Volume': estimateVolume,
  'AWS::ECR::Repository': estimateEcrRepository,
  'AWS::ECS::Service': estimateEcsService,
  'AWS::EFS::FileSystem': estimateEfsFileSystem,
  'AWS::EKS::Cluster': estimateEksCluster,
  'AWS::EKS::Nodegroup': estimateEksNodegroup,
  'AWS::ElastiCache::CacheCluster': estimateCacheCluster,
  'AWS::ElastiCache::ReplicationGroup': estimateReplicationGroup,
  'AWS::ElasticLoadBalancing::LoadBalancer': estimateClassicLoadBalancer,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': estimateLoadBalancerV2,
  'AWS::KMS::Key': estimateKmsKey,
  'AWS::Lambda::Alias': estimateLambdaAliasOrVersion,
  'AWS::Lambda::Function': estimateLambdaFunction,
  'AWS::Lambda::Version': estimateLambdaAliasOrVersion,
  'AWS::Logs::LogGroup': estimateLogGroup,
  'AWS::RDS::DBCluster': estimateDbCluster,
  'AWS::RDS::DBInstance': estimateDbInstance,
  'AWS::Route53::HostedZone': estimateHostedZone,
  'AWS::S3::Bucket': estimateBucket,
  'AWS::SNS::Topic': estimateSnsTopic,
  'AWS::SQS::Queue': estimateSqsQueue,
  'AWS::SecretsManager::Secret': estimateSecret,
  'AWS::WAFv2::WebACL': estimateWebAcl,
};
