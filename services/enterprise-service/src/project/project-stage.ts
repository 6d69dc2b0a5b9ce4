import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** The four stages of the "四个一" help system [003]. */
export enum ProjectStage {
  RESERVE = 'RESERVE',
  NEGOTIATION = 'NEGOTIATION',
  KEY_PROJECT_HELP = 'KEY_PROJECT_HELP',
  OPERATING_HELP = 'OPERATING_HELP',
}

export const PROJECT_STAGE_NAMES: Record<ProjectStage, string> = {
  RESERVE: '项目储备',
  NEGOTIATION: '项目洽谈',
  KEY_PROJECT_HELP: '重点项目精准帮扶',
  OPERATING_HELP: '投产运营企业帮扶',
};

registerEnumType(ProjectStage, {
  name: 'ProjectStage',
  description: '“四个一”项目阶段',
  valuesConfig: Object.fromEntries(Object.entries(PROJECT_STAGE_NAMES).map(([key, name]) => [key, { description: name }])),
});

@ObjectType({ description: '项目可进行的阶段变更' })
export class ProjectStageMove {
  @Field(() => ProjectStage)
  to!: ProjectStage;

  @Field(() => Boolean, { description: '是否须说明理由（退回前一阶段时须说明）' })
  reasonRequired!: boolean;
}

const forward = (to: ProjectStage): ProjectStageMove => ({ to, reasonRequired: false });
const back = (to: ProjectStage): ProjectStageMove => ({ to, reasonRequired: true });
const { RESERVE, NEGOTIATION, KEY_PROJECT_HELP, OPERATING_HELP } = ProjectStage;

/** The allowed moves: forward one stage at a time; back to any earlier stage, with a reason. */
export const PROJECT_STAGE_MOVES: Readonly<Record<ProjectStage, readonly ProjectStageMove[]>> = {
  RESERVE: [forward(NEGOTIATION)],
  NEGOTIATION: [forward(KEY_PROJECT_HELP), back(RESERVE)],
  KEY_PROJECT_HELP: [forward(OPERATING_HELP), back(NEGOTIATION), back(RESERVE)],
  OPERATING_HELP: [back(KEY_PROJECT_HELP), back(NEGOTIATION), back(RESERVE)],
};

export function stageMove(from: ProjectStage, to: ProjectStage): ProjectStageMove | undefined {
  return PROJECT_STAGE_MOVES[from].find((move) => move.to === to);
}
