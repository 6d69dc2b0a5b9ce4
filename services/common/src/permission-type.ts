import { registerEnumType } from 'type-graphql';
import { Permission } from './auth.js';

// Registered once for every subgraph that shows permissions (API key scopes, a viewer's rights).
registerEnumType(Permission, {
  name: 'Permission',
  description: '权限；API 密钥以其作为授权范围，且始终限于密钥的区域范围内',
  valuesConfig: {
    STATS_READ: { description: '区域统计与大屏订阅' },
    ORG_READ: { description: '查看组织机构' },
    ORG_ADMIN: { description: '管理组织机构（区划、单位、人员、工作组）' },
    COMPLAINT_READ: { description: '查看投诉举报' },
    COMPLAINT_INTAKE: { description: '受理投诉举报' },
    COMPLAINT_DISPATCH: { description: '转办、办结、重办、不予受理' },
    COMPLAINT_HANDLE: { description: '签收、退回、答复（仅本单位承办的事项）' },
    COMPLAINANT_IDENTITY: { description: '查看投诉人身份（每次查看均留痕）' },
    CLUE_RECEIVE: { description: '线索移交：审批移交纪委监委的线索，查看已移交的线索（纪委监委）' },
    TASK_READ: { description: '查看督办任务' },
    TASK_WRITE: { description: '创建和更新督办任务' },
    TASK_HANDLE: { description: '提交自查报告、申请整改销号、回复督办（仅本单位的事项）' },
    ENTERPRISE_READ: { description: '查看企业、项目与诉求' },
    ENTERPRISE_WRITE: { description: '登记企业、走访与诉求' },
    DEMAND_DISPATCH: { description: '企业诉求的转办、办结（录入企业评价）、重办、不予受理' },
    DEMAND_HANDLE: { description: '企业诉求的签收、退回、答复（仅转办给本单位的诉求）' },
    SYSTEM_ADMIN: { description: '系统管理（办理时限表、工作日历、测试时钟等）' },
    SECURITY_ADMIN: { description: '安全管理：人员角色、登录账号与密码、账号解锁、API 密钥（安全管理员）' },
    AUDIT_READ: { description: '查看和导出审计日志（审计管理员）' },
  },
});

export { Permission };
