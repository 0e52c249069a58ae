// The app's areas, in navigation order. The id is also the test id suffix (`nav-<id>`).
export const AREA_IDS = [
  'systems',
  'repositories',
  'import',
  'checks',
  'explore',
  'preview',
  'dumps',
  'transports',
  'objects',
  'work-items',
  'transactions',
  'cpi-content',
  'cpi-runtime',
  'messages',
  'cpi-partners',
  'cpi-security',
  'cpi-logs',
] as const;

export type AreaId = (typeof AREA_IDS)[number];

export function isAreaId(value: string): value is AreaId {
  return (AREA_IDS as readonly string[]).includes(value);
}

export interface AreaInfo {
  id: AreaId;
  title: string;
  icon: string;
  group: 'setup' | 'develop' | 'inspect' | 'deliver' | 'integration';
}

export const AREAS: readonly AreaInfo[] = [
  { id: 'systems', title: 'Systems', icon: 'it-host', group: 'setup' },
  { id: 'repositories', title: 'Repositories', icon: 'course-book', group: 'develop' },
  { id: 'import', title: 'Export to Git', icon: 'upload-to-cloud', group: 'develop' },
  { id: 'checks', title: 'Checks', icon: 'inspection', group: 'develop' },
  { id: 'explore', title: 'Explore', icon: 'tree', group: 'inspect' },
  { id: 'preview', title: 'Data preview', icon: 'table-view', group: 'inspect' },
  { id: 'dumps', title: 'Dumps', icon: 'alert', group: 'inspect' },
  { id: 'transports', title: 'Transports', icon: 'shipping-status', group: 'deliver' },
  { id: 'objects', title: 'Objects', icon: 'product', group: 'deliver' },
  { id: 'work-items', title: 'Work items', icon: 'activity-items', group: 'deliver' },
  { id: 'transactions', title: 'Transactions', icon: 'simulate', group: 'deliver' },
  { id: 'cpi-content', title: 'Integration content', icon: 'puzzle', group: 'integration' },
  { id: 'cpi-runtime', title: 'Deployed artifacts', icon: 'machine', group: 'integration' },
  { id: 'messages', title: 'Message monitor', icon: 'message-popup', group: 'integration' },
  { id: 'cpi-partners', title: 'Partner Directory', icon: 'address-book', group: 'integration' },
  { id: 'cpi-security', title: 'Security material', icon: 'locked', group: 'integration' },
  { id: 'cpi-logs', title: 'Log files', icon: 'document-text', group: 'integration' },
];
