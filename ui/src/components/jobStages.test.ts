import { describe, expect, it } from 'vitest';
import { IMPORT_STAGES, jobStateOf, jobStateOfRecord, stageIndex } from './jobStages';

describe('job stages', () => {
  it('maps both dialects’ stage names onto one list', () => {
    expect(stageIndex('FIND_REPOSITORY')).toBe(stageIndex('FIND_REPO'));
    expect(stageIndex('REFRESH_REPO')).toBe(2);
    expect(stageIndex('STAGE_FILES')).toBe(3);
    expect(stageIndex('COMPLETED')).toBe(IMPORT_STAGES.length - 1);
    expect(stageIndex('FINISHED')).toBe(IMPORT_STAGES.length - 1);
    expect(stageIndex('PARSE_PARAMS')).toBe(0);
    expect(stageIndex('SOMETHING_NEW')).toBe(-1);
    expect(stageIndex(null)).toBe(-1);
  });

  it('reads job states in any case', () => {
    expect(jobStateOf('STARTING')).toBe('running');
    expect(jobStateOf('completed')).toBe('completed');
    expect(jobStateOf('error')).toBe('failed');
    expect(jobStateOfRecord('succeeded')).toBe('completed');
    expect(jobStateOfRecord('cancelled')).toBe('failed');
    expect(jobStateOfRecord('detached')).toBe('running');
  });
});
