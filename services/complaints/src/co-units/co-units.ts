import { In, type EntityManager } from 'typeorm';
import { Complaint } from '../complaint/complaint.entity.js';
import { ComplaintCoUnit } from './complaint-co-unit.entity.js';

/** The co-units of a complaint, in a stable order. */
export async function coUnitsOf(manager: EntityManager, complaintId: string): Promise<string[]> {
  const rows = await manager.find(ComplaintCoUnit, { where: { complaintId }, order: { unitId: 'ASC' } });
  return rows.map((row) => row.unitId);
}

/** Every unit that may see a complaint: the lead unit and the co-units. */
export async function handlingUnits(manager: EntityManager, complaint: Pick<Complaint, 'id' | 'unitId'>): Promise<string[]> {
  const co = await coUnitsOf(manager, complaint.id);
  return complaint.unitId ? [complaint.unitId, ...co] : co;
}

/** `handlingUnits` of many complaints at once, by complaint id (for the events announcing them). */
export async function handlingUnitsById(manager: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
  const leads = await manager.find(Complaint, { select: { id: true, unitId: true }, where: { id: In(ids) } });
  const units = new Map(leads.map((complaint) => [complaint.id, complaint.unitId ? [complaint.unitId] : []]));
  const co = await manager.find(ComplaintCoUnit, { where: { complaintId: In(ids) }, order: { unitId: 'ASC' } });
  for (const row of co) units.get(row.complaintId)?.push(row.unitId);
  return units;
}

/** Replaces a complaint's co-units (转办 names them anew; 退回 clears them with the lead unit). */
export async function setCoUnits(manager: EntityManager, complaintId: string, unitIds: readonly string[]): Promise<void> {
  await manager.delete(ComplaintCoUnit, { complaintId });
  if (unitIds.length) await manager.insert(ComplaintCoUnit, unitIds.map((unitId) => ({ complaintId, unitId })));
}

/** SQL condition: `unit` (a parameter name) leads the complaint aliased `c` or helps with it. */
export function handledByUnit(alias: string, parameter: string): string {
  return `(${alias}.unitId = :${parameter} OR ${alias}.id IN (SELECT cu.complaintId FROM complaint_co_unit cu WHERE cu.unitId = :${parameter}))`;
}
