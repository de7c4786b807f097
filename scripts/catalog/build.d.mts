// Types of build.mjs, for the tests that regenerate the catalog.
export declare const CATALOG_FORMAT: string;
export declare const CLOUDFRONT_GEOGRAPHIES: Readonly<Record<string, string>>;
export declare function buildCatalog(feedsDir: string): {
  files: Map<string, string>;
  summary: { regions: number; prices: Record<string, number>; global: number; feeds: number };
};
