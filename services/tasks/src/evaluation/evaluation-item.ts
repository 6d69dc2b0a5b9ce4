/** One task or problem as evaluation sees it, attributed to one unit. */
export interface EvaluationItem {
  kind: 'TASK' | 'PROBLEM';
  unitId: string;
  /** Null: registered before the time was recorded (counted as existing since ever). */
  createdAt: Date | null;
  dueAt: Date;
  yellowAt: Date;
  closed: boolean;
  /** Null for a closed item: closed at a time nobody recorded (left out where the time matters). */
  closedAt: Date | null;
  /** Closed by its deadline (a problem: its approved sign-off was asked for by then); null: open or unknown. */
  onTime: boolean | null;
}
