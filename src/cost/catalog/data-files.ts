// Lists the generated catalog files so that `tsc` copies them into dist/cost/catalog/data (a
// module that is part of the program, JSON included, is emitted to outDir), where the installed
// package and the esbuild bundle (dist/bin) read them. Type-only: nothing is loaded at run time.
// test/cost/catalog-generated.test.ts checks that this list and data/ agree.
import type {} from './data/af-south-1.json';
import type {} from './data/ap-east-1.json';
import type {} from './data/ap-northeast-1.json';
import type {} from './data/ap-northeast-2.json';
import type {} from './data/ap-northeast-3.json';
import type {} from './data/ap-south-1.json';
import type {} from './data/ap-south-2.json';
import type {} from './data/ap-southeast-1.json';
import type {} from './data/ap-southeast-2.json';
import type {} from './data/ap-southeast-3.json';
import type {} from './data/ap-southeast-4.json';
import type {} from './data/ap-southeast-5.json';
import type {} from './data/ap-southeast-7.json';
import type {} from './data/ca-central-1.json';
import type {} from './data/ca-west-1.json';
import type {} from './data/eu-central-1.json';
import type {} from './data/eu-central-2.json';
import type {} from './data/eu-north-1.json';
import type {} from './data/eu-south-1.json';
import type {} from './data/eu-south-2.json';
import type {} from './data/eu-west-1.json';
import type {} from './data/eu-west-2.json';
import type {} from './data/eu-west-3.json';
import type {} from './data/global.json';
import type {} from './data/il-central-1.json';
import type {} from './data/index.json';
import type {} from './data/me-central-1.json';
import type {} from './data/me-south-1.json';
import type {} from './data/mx-central-1.json';
import type {} from './data/sa-east-1.json';
import type {} from './data/us-east-1.json';
import type {} from './data/us-east-2.json';
import type {} from './data/us-west-1.json';
import type {} from './data/us-west-2.json';
import type {} from './data/usage-keys.json';
