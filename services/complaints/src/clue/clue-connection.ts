import { connectionOf } from '@bizenv/common/connection';
import { ClueTransfer } from './clue-transfer.entity.js';

export const ClueTransferConnection = connectionOf(ClueTransfer, 'ClueTransfer');
