/** What the complaints audit log records: each view of a complainant's identity (or attempt), and each step of a clue transfer. */
export enum AuditAction {
  COMPLAINANT_VIEW = 'COMPLAINANT_VIEW',
  CLUE_PROPOSE = 'CLUE_PROPOSE',
  CLUE_APPROVE = 'CLUE_APPROVE',
  CLUE_DECLINE = 'CLUE_DECLINE',
}
