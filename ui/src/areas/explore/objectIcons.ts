// One icon per ABAP object type, registered here (icons are bundled, not loaded from a CDN).
import '@ui5/webcomponents-icons/dist/database.js';
import '@ui5/webcomponents-icons/dist/document.js';
import '@ui5/webcomponents-icons/dist/syntax.js';
import '@ui5/webcomponents-icons/dist/course-program.js';
import '@ui5/webcomponents-icons/dist/tag.js';
import '@ui5/webcomponents-icons/dist/attachment-text-file.js';
import '@ui5/webcomponents-icons/dist/message-popup.js';
import '@ui5/webcomponents-icons/dist/group-2.js';
import '@ui5/webcomponents-icons/dist/org-chart.js';
import '@ui5/webcomponents-icons/dist/nav-back.js';
import '@ui5/webcomponents-icons/dist/list.js';

const ICONS: Record<string, string> = {
  CLAS: 'syntax',
  INTF: 'chain-link',
  PROG: 'course-program',
  FUGR: 'group-2',
  TABL: 'table-view',
  STRU: 'table-view',
  VIEW: 'table-view',
  DDLS: 'database',
  DCLS: 'shield',
  DDLX: 'database',
  DTEL: 'tag',
  DOMA: 'tag',
  TTYP: 'list',
  MSAG: 'message-popup',
  ENHO: 'source-code',
  DEVC: 'folder',
};

export function objectIcon(type: string): string {
  return ICONS[type.toUpperCase()] ?? 'document';
}

/** Types whose rows the data preview can show. */
export function isPreviewable(type: string): boolean {
  return ['TABL', 'DDLS', 'VIEW'].includes(type.toUpperCase());
}
