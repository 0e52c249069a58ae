import { describe, expect, it } from 'vitest';
import { hasCredentials, rememberedUrl } from './gitUrl';

describe('git URLs with credentials', () => {
  it('finds a user or token in http(s) URLs', () => {
    expect(hasCredentials('https://user:ghp_x@github.com/org/repo.git')).toBe(true);
    expect(hasCredentials(' https://ghp_x@github.com/org/repo.git')).toBe(true);
    expect(hasCredentials('https://github.com/org/repo.git')).toBe(false);
    expect(hasCredentials('https://github.com/org/repo.git?ref=a@b')).toBe(false);
    expect(hasCredentials('git@github.com:org/repo.git')).toBe(false);
  });

  it('never gives back a remembered URL that carries credentials', () => {
    expect(rememberedUrl('https://user:ghp_x@github.com/org/repo.git')).toBe('');
    expect(rememberedUrl('https://github.com/org/repo.git')).toBe('https://github.com/org/repo.git');
    expect(rememberedUrl(null)).toBe('');
  });
});
