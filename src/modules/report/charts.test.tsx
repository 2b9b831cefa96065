import { describe, expect, it } from 'vitest';
import { h } from 'preact';
import { renderHtml } from '../../lib/render.js';
import { BarChart, niceMax } from './charts.js';
import { FEWER_THAN } from './privacy.js';

describe('report charts', () => {
  it('rounds the top of a scale to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 4500].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 5000]);
  });

  it('draws no bar for a hidden group, only its words', () => {
    const svg = renderHtml(h(BarChart, { table: { id: 't', caption: 'Participants by type', columns: ['Type', 'People'], rows: [{ label: 'Industry', values: [40] }, { label: 'Association', values: [FEWER_THAN] }] } }));
    expect(svg).toContain('aria-label="Bar chart: Participants by type. The table below gives the figures."');
    expect(svg.match(/<rect [^>]*width="(\d+)"/g)).toEqual(['<rect x="0" y="22" width="310"', '<rect x="0" y="68" width="0"']);
    expect(svg).toContain('>fewer than 5</text>');
  });
});
