import type { Rule } from '../../model/rule.js';
import { allPortsPublic } from './all-ports-public.js';
import { backendPortNotPublic } from './backend-port-not-public.js';
import { computeNoInternetIngress } from './compute-no-internet-ingress.js';
import { databaseEgress } from './database-egress.js';
import { databasePortsSgOnly } from './database-ports-sg-only.js';
import { sshSingleHost } from './ssh-single-host.js';

export const NETWORK_RULES: readonly Rule[] = [sshSingleHost, backendPortNotPublic, allPortsPublic, databasePortsSgOnly, computeNoInternetIngress, databaseEgress];
