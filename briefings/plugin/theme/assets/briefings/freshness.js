/* Briefings: how old the latest briefing is, recounted in the reader's browser (home page only).

   The build wrote the age as of its own day: "Published 3 days ago", or nothing (the element
   hidden) while the briefing was today's. A static page is read for days after it was built,
   so this recounts the days between the briefing's newest day and today in the SITE's time
   zone (where the build counted them), and says it in the page's language with
   Intl.RelativeTimeFormat: no message catalogue is needed here. A briefing stays today's
   until its period ends (a week's briefing, all week): data-bf-end. */
(() => {
  const note = document.querySelector("[data-bf-freshness]");
  if (!note || !window.Intl || !Intl.RelativeTimeFormat) return;
  const utcDay = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  let today;
  try {
    const parts = {};
    const format = new Intl.DateTimeFormat("en", {
      timeZone: note.dataset.bfTimezone, year: "numeric", month: "2-digit", day: "2-digit",
    });
    for (const part of format.formatToParts(new Date())) parts[part.type] = part.value;
    today = Date.UTC(+parts.year, +parts.month - 1, +parts.day);
  } catch (error) {
    return;  // a browser without this time zone keeps the build's words
  }
  const age = today > utcDay(note.dataset.bfEnd) ? Math.round((today - utcDay(note.dataset.bfNewest)) / 86400000) : 0;
  note.hidden = age < 1;
  const time = note.querySelector("time");
  if (age >= 1 && time) {
    const words = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, {numeric: "auto"});
    // The largest whole unit, as the build said it (Babel: a month is 30 days, a year 365).
    const [unit, size] = [["year", 365], ["month", 30], ["week", 7], ["day", 1]].find(([, days]) => age >= days);
    // "yesterday" (numeric: auto), but "1 week ago", not "last week", for 10 days: as the build says it.
    const say = unit === "day" ? words : new Intl.RelativeTimeFormat(document.documentElement.lang || undefined);
    time.textContent = say.format(-Math.round(age / size), unit);
  }
})();
