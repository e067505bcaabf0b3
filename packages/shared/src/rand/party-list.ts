/**
 * Lists for parties (issue 8 item 4) show each unit's ticket by its first 18 digits beside the
 * published allocation.csv line; the api builds the lists (modules/ceremonies/ceremony-lists).
 */
export const TICKET_DIGITS_SHOWN = 18;

/** A ticket ("0.ddd…") as the lists print it: its first 18 digits, "0." left out. */
export function ticketPrefix(ticket: string): string {
  return ticket.replace(/^0\./, '').slice(0, TICKET_DIGITS_SHOWN);
}
