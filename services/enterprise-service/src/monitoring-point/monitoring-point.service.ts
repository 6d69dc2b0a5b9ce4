import type { Caller } from '@bizenv/common/auth';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import { DemandSource } from '../demand/demand-source.js';
import type { Demand } from '../demand/demand.entity.js';
import type { DemandService } from '../demand/demand.service.js';
import type { EnterpriseService } from '../enterprise/enterprise.service.js';
import type { ReportMonitoringProblemInput } from './monitoring-point-inputs.js';

/**
 * 随手拍: a monitoring point (营商环境监测点) reports a problem, which becomes a demand here through
 * the one demand intake. Turning it into a complaint instead would be a write to the complaints
 * subgraph's intake (受理), which this subgraph does not make.
 */
export class MonitoringPointService {
  constructor(
    private readonly outbox: Outbox,
    private readonly enterprises: EnterpriseService,
    private readonly demands: DemandService,
  ) {}

  async report(caller: Caller | null, input: ReportMonitoringProblemInput): Promise<Demand> {
    const enterprise = await this.enterprises.forWrite(caller, input.enterpriseId);
    if (!enterprise.isMonitoringPoint) throw new DomainError(ErrorCode.BadUserInput, '该企业不是营商环境监测点', { field: 'enterpriseId' });
    const demand = this.demands.draft({ enterprise, title: input.title, content: input.content, source: DemandSource.MONITORING_POINT, photos: input.photos });
    await this.outbox.write((manager, record) => this.demands.raise(manager, record, demand));
    return demand;
  }
}
