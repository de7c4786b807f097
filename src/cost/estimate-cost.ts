// The library's estimateCost: resources, loaded templates (`loadTemplates(paths, { parameters })`)
// or a scan result, priced the way `stackaudit cost` prices them. Templates are read as the
// deployment a user gets by default (parameters at their value or Default), through the engine's
// stable `defaultReader`, so no caller writes a `read` callback.
import { defaultReader, defaultSourceOfUnits, type LoadedTemplates, type ScanResult } from '../engine/scan-templates.js';
import type { Resource } from '../model/resource.js';
import { estimateResources, type EstimateOptions } from './estimate.js';
import type { CostReport } from './types.js';

export type CostInput = readonly Resource[] | Pick<LoadedTemplates, 'source'> | Pick<ScanResult, 'units'>;

function isLoaded(input: CostInput): input is Pick<LoadedTemplates, 'source'> {
  return !Array.isArray(input) && typeof input === 'object' && input !== null && 'source' in input;
}

/**
 * Estimates the monthly bill. `input` is a list of resources (read literally unless
 * `options.read` says otherwise), the result of `loadTemplates`, or a `ScanResult`.
 */
export function estimateCost(input: CostInput, options: EstimateOptions = {}): CostReport {
  if (Array.isArray(input)) return estimateResources(input as readonly Resource[], options);
  if (isLoaded(input)) return estimateResources(input.source.resources, { ...options, read: options.read ?? defaultReader(input) });
  const source = defaultSourceOfUnits((input as Pick<ScanResult, 'units'>).units);
  return estimateResources(source.resources, { ...options, read: options.read ?? defaultReader({ source }) });
}
