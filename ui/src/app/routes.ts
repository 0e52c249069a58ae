// One lazily loaded page per area; each `areas/<id>/index.tsx` default-exports its page.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { AreaId } from './areas';

export const PAGES: Record<AreaId, LazyExoticComponent<ComponentType>> = {
  systems: lazy(() => import('../areas/systems')),
  repositories: lazy(() => import('../areas/repositories')),
  import: lazy(() => import('../areas/import')),
  checks: lazy(() => import('../areas/checks')),
  explore: lazy(() => import('../areas/explore')),
  preview: lazy(() => import('../areas/preview')),
  dumps: lazy(() => import('../areas/dumps')),
  transports: lazy(() => import('../areas/transports')),
  objects: lazy(() => import('../areas/objects')),
  'work-items': lazy(() => import('../areas/work-items')),
  transactions: lazy(() => import('../areas/transactions')),
  'cpi-content': lazy(() => import('../areas/integration/content')),
  'cpi-runtime': lazy(() => import('../areas/integration/runtime')),
  messages: lazy(() => import('../areas/messages')),
  'cpi-partners': lazy(() => import('../areas/integration/partners')),
  'cpi-security': lazy(() => import('../areas/integration/security')),
  'cpi-logs': lazy(() => import('../areas/integration/logs')),
};
