import type { Rule } from '../../model/rule.js';
import { accessLogging } from './access-logging.js';
import { apiNoCache } from './api-no-cache.js';
import { originHttps } from './origin-https.js';
import { s3OriginAccess } from './s3-origin-access.js';
import { spaErrorMapping } from './spa-error-mapping.js';
import { viewerHttps } from './viewer-https.js';
import { viewerTls } from './viewer-tls.js';
import { wafAttached } from './waf-attached.js';

export const EDGE_RULES: readonly Rule[] = [viewerHttps, viewerTls, s3OriginAccess, apiNoCache, wafAttached, originHttps, spaErrorMapping, accessLogging];
