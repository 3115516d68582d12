import { describe, expect, it } from 'vitest';
import { collectMethods, isChargeableDone } from './payments';

const tech = { id: 't1', roles: ['technician'] as const, departmentId: 'eng' };
const lead = { id: 'l1', roles: ['dept_lead'] as const, departmentId: 'eng' };
const cashier = { id: 'c1', roles: ['cashier'] as const, departmentId: 'cs' };
const job = {
  state: 'confirmed',
  departmentId: 'eng',
  assigneeId: 't1',
  completion: { chargeable: true, completedById: 't1' },
};

describe('who may record a repair fee (mirrors the server)', () => {
  it('offers on-site methods to the assigned technician and their lead, office ones to the desk and cashier', () => {
    expect(collectMethods(job, tech)).toEqual(['technician_cash', 'technician_scan']);
    expect(collectMethods(job, lead)).toEqual(['technician_cash', 'technician_scan']);
    expect(collectMethods(job, cashier)).toEqual(['office', 'portal']);
    expect(collectMethods(job, { ...tech, id: 't2' })).toEqual([]);
    expect(collectMethods({ ...job, departmentId: 'cleaning' }, lead)).toEqual([]);
  });

  it('takes a fee only once the chargeable job is done', () => {
    expect(isChargeableDone(job)).toBe(true);
    expect(isChargeableDone({ ...job, state: 'in_progress' })).toBe(false);
    expect(isChargeableDone({ ...job, completion: { chargeable: false } })).toBe(false);
    expect(isChargeableDone({ ...job, completion: null })).toBe(false);
  });
});
