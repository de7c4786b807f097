import type { Rule } from '../../model/rule.js';
import { classicLoadBalancer } from './classic-load-balancer.js';
import { httpRedirectsToHttps } from './http-redirects-to-https.js';
import { tlsPolicy } from './tls-policy.js';

export const LOAD_BALANCING_RULES: readonly Rule[] = [httpRedirectsToHttps, tlsPolicy, classicLoadBalancer];
