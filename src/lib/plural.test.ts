import { describe, expect, it } from 'vitest';
import { counted } from './plural.js';

describe('counted', () => {
  it('chooses the noun form by the number', () => {
    expect(counted(0, 'post')).toBe('0 posts');
    expect(counted(1, 'post')).toBe('1 post');
    expect(counted(2, 'person', 'people')).toBe('2 people');
    expect(counted(1200, 'registration')).toBe('1,200 registrations');
  });
});
