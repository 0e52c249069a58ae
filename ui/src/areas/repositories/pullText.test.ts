import { describe, expect, it } from 'vitest';
import type { PullResult } from '../../api';
import { pullResultAsText } from './pullText';

const result: PullResult = {
  success: false,
  message: 'Pull completed with errors',
  error_detail: 'Error Details:\nCLAS ZCL_A: The statement METHOD is unexpected',
  transport_request: 'DEVK900001',
  job_id: null,
  started_at: null,
  finished_at: null,
  activated_count: 1,
  failed_count: 1,
  conflict_count: 0,
  conflict_report: null,
  conflicts: [],
  local_xml_files: [],
  log_messages: [{ severity: 'warning', id: 'ZAG', number: '001', text: 'Inactive objects remain', object_type: '', object_name: '', exception: null }],
  activated_objects: [{ severity: 'success', id: '', number: '', text: 'Activated', object_type: 'INTF', object_name: 'ZIF_A', exception: null }],
  failed_objects: [
    { severity: 'error', id: '', number: '', text: 'The statement METHOD is unexpected', object_type: 'CLAS', object_name: 'ZCL_A', exception: 'The statement METHOD is unexpected' },
  ],
};

describe('pullResultAsText', () => {
  it('reads like the SAP log: outcome, transport, counts, failed objects first', () => {
    const text = pullResultAsText(result, { url: 'https://git/x.git', branch: 'main', system: 'DEV' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Pull of https://git/x.git (main) into DEV');
    expect(lines[1]).toBe('Result: with errors: Pull completed with errors');
    expect(lines[2]).toBe('Transport request: DEVK900001');
    expect(lines[3]).toBe('Activated: 1, failed: 1');
    expect(text.indexOf('Failed objects:')).toBeLessThan(text.indexOf('Activated objects:'));
    expect(text).toContain('  [Error] CLAS ZCL_A: The statement METHOD is unexpected');
    expect(text).not.toContain('(The statement METHOD is unexpected)');
    expect(text).toContain('  [Warning] Inactive objects remain');
    expect(text).toContain('Error details:\nError Details:\nCLAS ZCL_A');
  });
});
