/** The system's notion of "now"; every deadline, light and count asks it, never `new Date()`. */
export function now(): Date {
  return new Date();
}
