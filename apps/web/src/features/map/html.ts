/** Escapes text for the HTML of a Leaflet DivIcon (names come from the server). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
