import { describe, expect, it } from 'vitest';
import {
  availableInUnit,
  capacityStatus,
  DEFAULT_STAY_THRESHOLDS,
  stayLevel,
  sumCounts,
} from '../../core/capacity/status';

const rules = { limitedThreshold: 2, acceptWhenFull: true };
const H = 3_600_000;

describe('available means vacant and staffed', () => {
  it('is the vacant count without a staffed limit', () => {
    expect(availableInUnit(5, 3, 1, null)).toBe(5);
  });
  it('is capped by staff: limit − occupied − reserved', () => {
    expect(availableInUnit(5, 3, 1, 6)).toBe(2);
    expect(availableInUnit(1, 3, 1, 8)).toBe(1);
  });
  it('never goes below zero when more people are in than staffed for', () => {
    expect(availableInUnit(4, 6, 0, 5)).toBe(0);
    expect(availableInUnit(4, 0, 0, 0)).toBe(0);
  });
});

describe('the capacity status rule', () => {
  it('is open above the threshold, limited at or below it, full at zero', () => {
    expect(capacityStatus(3, null, rules, 0)).toEqual({
      status: 'open',
      acceptingLawEnforcement: true,
    });
    expect(capacityStatus(2, null, rules, 0)).toEqual({
      status: 'limited',
      acceptingLawEnforcement: true,
    });
    expect(capacityStatus(1, null, rules, 0).status).toBe('limited');
    expect(capacityStatus(0, null, rules, 0)).toEqual({
      status: 'full',
      acceptingLawEnforcement: true,
    });
  });

  it('still takes police when full (no-refusal), unless the setting says otherwise', () => {
    expect(capacityStatus(0, null, { ...rules, acceptWhenFull: false }, 0)).toEqual({
      status: 'full',
      acceptingLawEnforcement: false,
    });
  });

  it('a threshold of 0 means never limited', () => {
    expect(capacityStatus(1, null, { ...rules, limitedThreshold: 0 }, 0).status).toBe('open');
  });

  it('diverting and closed override the figures and refuse police', () => {
    const diverting = { status: 'diverting' as const, reason: 'Flood', until: null };
    expect(capacityStatus(10, diverting, rules, 0)).toEqual({
      status: 'diverting',
      acceptingLawEnforcement: false,
    });
    const closed = { status: 'closed' as const, reason: 'Power cut', until: null };
    expect(capacityStatus(0, closed, rules, 0).status).toBe('closed');
  });

  it('a diversion with an expiry reverts by itself at that instant', () => {
    const d = { status: 'diverting' as const, reason: 'Staffing', until: 1000 };
    expect(capacityStatus(5, d, rules, 999).status).toBe('diverting');
    expect(capacityStatus(5, d, rules, 1000)).toEqual({
      status: 'open',
      acceptingLawEnforcement: true,
    });
  });

  it('sums unit counts into totals', () => {
    const u = { total: 4, available: 1, occupied: 2, reserved: 1, outOfService: 0 };
    expect(sumCounts([u, { ...u, outOfService: 1 }])).toEqual({
      total: 8,
      available: 2,
      occupied: 4,
      reserved: 2,
      outOfService: 1,
    });
  });
});

describe('the chair-stay alert', () => {
  it('warns after 20 h and alerts past 23 h 59 min, for chairs only by default', () => {
    expect(stayLevel('chair', 20 * H, DEFAULT_STAY_THRESHOLDS)).toBe('ok');
    expect(stayLevel('chair', 20 * H + 60_000, DEFAULT_STAY_THRESHOLDS)).toBe('warning');
    expect(stayLevel('chair', 23 * H + 59 * 60_000, DEFAULT_STAY_THRESHOLDS)).toBe('warning');
    expect(stayLevel('chair', 24 * H, DEFAULT_STAY_THRESHOLDS)).toBe('alert');
    expect(stayLevel('bed', 100 * H, DEFAULT_STAY_THRESHOLDS)).toBe('ok');
  });
});
