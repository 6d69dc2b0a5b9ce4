import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { CLOCK_ADVANCED, clockOffsetMs, now, setClockOffset } from '@bizenv/common/clock';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import type { Outbox } from '@bizenv/common/outbox';
import type { TestClock } from './test-clock.js';

const MAX_STEP_SECONDS = 366 * 86_400;

/**
 * Moves the whole system's time forward for tests and demos. The move is an event, so every
 * subgraph and gateway (in this process or another) follows it; production has no test clock.
 */
export class TestClockService {
  constructor(
    private readonly outbox: Outbox,
    private readonly production: boolean,
  ) {}

  read(): TestClock {
    return { now: now(), offsetSeconds: Math.round(clockOffsetMs() / 1000) };
  }

  async advance(caller: Caller | null, seconds: number): Promise<TestClock> {
    if (this.production) throw new DomainError(ErrorCode.Forbidden, '生产模式不提供测试时钟');
    requirePermission(caller, Permission.SYSTEM_ADMIN);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_STEP_SECONDS) {
      throw new DomainError(ErrorCode.BadUserInput, '快进秒数应为1到31622400之间的整数', { field: 'seconds' });
    }
    const offsetMs = clockOffsetMs() + seconds * 1000;
    await this.outbox.write(async (_manager, record) => record({ topic: CLOCK_ADVANCED, regionCode: '', payload: { offsetMs } }));
    setClockOffset(offsetMs);
    return this.read();
  }
}
