import { In, type EntityManager } from 'typeorm';
import { SupervisedTaskUnit, UnitRole } from './task-unit.entity.js';
import type { SupervisedTask } from './task.entity.js';

/** The unit rows of a task: its lead units, then its co-responsible units, in the plan's order. */
export function taskUnitRows(taskId: string, leadUnitIds: readonly string[], coUnitIds: readonly string[]): SupervisedTaskUnit[] {
  return [
    ...leadUnitIds.map((unitId, position) => ({ taskId, unitId, role: UnitRole.LEAD, position })),
    ...coUnitIds.map((unitId, position) => ({ taskId, unitId, role: UnitRole.CO, position })),
  ];
}

/** Loads every unit of `tasks` in one query and attaches them (`task.units`); returns the tasks. */
export async function withUnits<T extends SupervisedTask>(manager: EntityManager, tasks: T[]): Promise<T[]> {
  const missing = tasks.filter((task) => !task.units);
  if (!missing.length) return tasks;
  const rows = await manager.getRepository(SupervisedTaskUnit).find({
    where: { taskId: In(missing.map((task) => task.id)) },
    order: { role: 'DESC', position: 'ASC' },
  });
  for (const task of missing) task.units = rows.filter((row) => row.taskId === task.id);
  return tasks;
}

/** The task's units of one role (lead units: LEAD first in the order above), by id. */
export function unitIdsOf(task: SupervisedTask, role?: UnitRole): string[] {
  const units = task.units ?? [{ taskId: task.id, unitId: task.leadUnitId, role: UnitRole.LEAD, position: 0 }];
  return units.filter((unit) => !role || unit.role === role).map((unit) => unit.unitId);
}

/** Every unit of each task, by task id (for the events announcing them). */
export async function unitIdsByTask(manager: EntityManager, taskIds: string[]): Promise<Map<string, string[]>> {
  const rows = await manager.getRepository(SupervisedTaskUnit).find({ where: { taskId: In(taskIds) }, order: { role: 'DESC', position: 'ASC' } });
  const units = new Map(taskIds.map((id) => [id, [] as string[]]));
  for (const row of rows) units.get(row.taskId)?.push(row.unitId);
  return units;
}
