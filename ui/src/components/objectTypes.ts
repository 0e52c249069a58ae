// ABAP object types as people read them: "Class (CLAS)" rather than the bare code.

const TYPE_NAMES: Record<string, string> = {
  CLAS: 'Class',
  INTF: 'Interface',
  PROG: 'Program',
  FUGR: 'Function group',
  TABL: 'Table',
  STRU: 'Structure',
  DDLS: 'CDS view',
  DCLS: 'Access control',
  DDLX: 'Metadata extension',
  DTEL: 'Data element',
  DOMA: 'Domain',
  TTYP: 'Table type',
  MSAG: 'Message class',
  ENHO: 'Enhancement',
  DEVC: 'Package',
  // Entries of transport requests (E071): table contents and parts of objects.
  TABU: 'Table contents',
  METH: 'Method',
  REPS: 'Report source',
  CLSD: 'Class definition',
  CPUB: 'Public section',
  CPRO: 'Protected section',
  CPRI: 'Private section',
  CINC: 'Class include',
  DOCU: 'Documentation',
};

/** "Class (CLAS)", or the code alone for a type the app has no name for. */
export function objectTypeLabel(type: string): string {
  const code = type.trim().toUpperCase();
  const name = TYPE_NAMES[code];
  return name ? `${name} (${code})` : code;
}
