// Pay-per-use services and per-hour network attachments: VPC interface endpoints, Transit
// Gateway, KMS, EFS, DynamoDB, Lambda, SQS, SNS, API Gateway, EKS. First-tier rates; the
// volume tiers only matter far above a small app's traffic. Gateway endpoints (S3, DynamoDB)
// cost nothing and are listed as free types instead.
import { AP, E1, p, type Prices } from './entry.js';

export function serverlessPrices(): Prices {
  return {
    'vpc.endpoint.interface.hour': { [E1]: p(0.01, 'Hrs', 'A', ['ic_serverless', 'network_doc_2026', 'terrapod'], 'per endpoint per Availability Zone'), [AP]: p(0.013, 'Hrs', 'B', ['mumbai_docs_2026', 'mumbai_bom_script'], 'per endpoint per Availability Zone') },
    'vpc.endpoint.interface.gb': { [E1]: p(0.01, 'GB', 'A', ['ic_serverless', 'network_doc_2026'], 'first 1 PB a month') },
    'transitgateway.attachment.hour': { [E1]: p(0.05, 'Hrs', 'A', ['ic_sqs_tgw']), [AP]: p(0.07, 'Hrs', 'C', ['mumbai_bom_script']) },
    'transitgateway.gb': { [E1]: p(0.02, 'GB', 'A', ['ic_sqs_tgw']), [AP]: p(0.02, 'GB', 'C', ['mumbai_bom_script']) },
    'kms.key': { [E1]: p(1, 'key-month', 'A', ['ic_serverless', 'terrapod']), [AP]: p(1, 'key-month', 'B', ['mumbai_costpy_2026', 'mumbai_docs_2026']) },
    'kms.requests': { [E1]: p(0.03, '10k requests', 'A', ['ic_serverless']), [AP]: p(0.03, '10k requests', 'C', ['mumbai_costpy_2026']) },
    'efs.standard.storage': { [E1]: p(0.3, 'GB-Mo', 'A', ['ic_serverless', 'terrapod']) },
    'efs.ia.storage': { [E1]: p(0.016, 'GB-Mo', 'B', ['efs_ia_2024'], 'Elastic Throughput (the default); 0.025 with bursting or provisioned throughput') },
    'dynamodb.ondemand.write': { [E1]: p(0.625, '1M requests', 'B', ['terrapod', 'ddb_guides_2026', 'ic_dynamodb'], 'since the Nov 2024 cut'), [AP]: p(0.71, '1M requests', 'B', ['mumbai_costpy_2026', 'mumbai_docs_2026']) },
    'dynamodb.ondemand.read': { [E1]: p(0.125, '1M requests', 'B', ['terrapod', 'ddb_guides_2026', 'ic_dynamodb'], 'since the Nov 2024 cut'), [AP]: p(0.1425, '1M requests', 'B', ['mumbai_costpy_2026', 'mumbai_docs_2026']) },
    'dynamodb.provisioned.wcu': { [E1]: p(0.00065, 'WCU-Hrs', 'B', ['ddb_tools', 'ic_dynamodb']), [AP]: p(0.00074, 'WCU-Hrs', 'B', ['ddb_tools'], 'pre-2024 AWS-written table, not re-checked') },
    'dynamodb.provisioned.rcu': { [E1]: p(0.00013, 'RCU-Hrs', 'B', ['ddb_tools', 'ic_dynamodb']), [AP]: p(0.000148, 'RCU-Hrs', 'B', ['ddb_tools'], 'pre-2024 AWS-written table, not re-checked') },
    'dynamodb.storage': { [E1]: p(0.25, 'GB-Mo', 'B', ['terrapod', 'ddb_guides_2026', 'ic_dynamodb']), [AP]: p(0.285, 'GB-Mo', 'B', ['mumbai_costpy_2026', 'mumbai_docs_2026']) },
    'lambda.requests': { [E1]: p(0.2, '1M requests', 'A', ['ic_serverless', 'terrapod']), [AP]: p(0.2, '1M requests', 'B', ['mumbai_costpy_2026', 'mumbai_docs_2026']) },
    'lambda.x86.gb_second': { [E1]: p(0.0000166667, 'GB-s', 'A', ['ic_serverless', 'terrapod']), [AP]: p(0.0000166667, 'GB-s', 'B', ['mumbai_docs_2026']) },
    'lambda.arm.gb_second': { [E1]: p(0.0000133334, 'GB-s', 'A', ['ic_serverless', 'terrapod']), [AP]: p(0.0000133334, 'GB-s', 'B', ['mumbai_costpy_2026', 'mumbai_docs_2026']) },
    'sqs.standard.requests': { [E1]: p(0.4, '1M requests', 'A', ['ic_sqs_tgw', 'terrapod']) },
    'sqs.fifo.requests': { [E1]: p(0.5, '1M requests', 'A', ['ic_sqs_tgw', 'terrapod']) },
    'sns.requests': { [E1]: p(0.5, '1M requests', 'A', ['ic_sns', 'terrapod']) },
    'apigateway.rest.requests': { [E1]: p(3.5, '1M requests', 'A', ['ic_serverless', 'terrapod']), [AP]: p(3.5, '1M requests', 'B', ['mumbai_docs_2026']) },
    'apigateway.http.requests': { [E1]: p(1, '1M requests', 'A', ['ic_serverless', 'terrapod']), [AP]: p(1.05, '1M requests', 'C', ['mumbai_docs_2026']) },
    'amplify.build.standard': { [E1]: p(0.01, 'build-minute', 'B', ['amplify_doc'], 'standard build instance') },
    'amplify.storage': { [E1]: p(0.023, 'GB-Mo', 'B', ['amplify_doc']) },
    'amplify.data_served': { [E1]: p(0.15, 'GB', 'B', ['amplify_doc']) },
    'eks.cluster.hour': { [E1]: p(0.1, 'Hrs', 'A', ['ic_eks', 'network_doc_2026'], 'standard support'), [AP]: p(0.1, 'Hrs', 'B', ['eks_mumbai_docs'], 'standard support') },
  };
}
