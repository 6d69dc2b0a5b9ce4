import { type Caller, requirePermission } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireText } from '@bizenv/common/validate';
import type { DataSource } from 'typeorm';
import { ComplaintTimelineAction } from '../complaint/complaint-enums.js';
import { recordStep } from '../complaint/complaint-timeline.js';
import { CO_HANDLING_NOTE } from '../complaint/complaint-transitions.js';
import type { Complaint } from '../complaint/complaint.entity.js';
import type { ComplaintService } from '../complaint/complaint.service.js';
import { coUnitsOf } from './co-units.js';

const MAX_NOTE = 2000;

export class CoHandlingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintService,
  ) {}

  /** The co-units of a complaint the caller may read. */
  async coUnits(caller: Caller | null, complaint: Complaint): Promise<string[]> {
    await this.complaints.readable(caller, complaint);
    return coUnitsOf(this.dataSource.manager, complaint.id);
  }

  /**
   * 协办意见: a co-unit's handler adds a note to the timeline. The status and version stay:
   * the lead unit's next step is not turned into a conflict by a helper's note.
   */
  async addNote(caller: Caller | null, id: string, note: string): Promise<Complaint> {
    const text = requireText(note, 'note', '协办意见', MAX_NOTE);
    const complaint = await this.complaints.get(caller, id);
    const actor = requirePermission(caller, CO_HANDLING_NOTE.permission, complaint.regionCode);
    return inTransaction(this.dataSource, async (manager) => {
      if (!actor.unitId || !(await coUnitsOf(manager, complaint.id)).includes(actor.unitId)) {
        throw new DomainError(ErrorCode.Forbidden, '只有本件的协办单位可以填写协办意见');
      }
      if (!(CO_HANDLING_NOTE.while as readonly string[]).includes(complaint.dispatchStatus)) {
        throw new DomainError(ErrorCode.InvalidTransition, '当前状态不能填写协办意见', { status: complaint.dispatchStatus });
      }
      await recordStep(manager, actor, {
        complaintId: complaint.id,
        action: ComplaintTimelineAction.CO_NOTE,
        fromStatus: complaint.dispatchStatus,
        toStatus: complaint.dispatchStatus,
        unitId: actor.unitId,
        note: text,
        at: now(),
      });
      return complaint;
    });
  }
}
