"""Text colours as the browser shows them, and their WCAG contrast (shared by the browser tests)."""

from __future__ import annotations

import re

#: ``page.evaluate(TEXT_COLOURS, [selector, visible_only])``: [text colour, background colour]
#: of each matching element; the background is that of its first opaque ancestor.
TEXT_COLOURS = """([selector, visibleOnly]) => [...document.querySelectorAll(selector)]
  .filter(el => !visibleOnly || el.offsetParent).map(el => {
  let bg = 'rgba(0, 0, 0, 0)';
  for (let node = el; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c !== 'transparent' && !/, 0\\)$/.test(c)) { bg = c; break; }
  }
  return [getComputedStyle(el).color, bg];
})"""


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an ``rgb()``/``rgba()`` colour."""
    r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def blend(foreground: str, background: str) -> str:
    """A translucent text colour as it shows on its (opaque) background."""
    values = [float(v) for v in re.findall(r"[\d.]+", foreground)]
    alpha = values[3] if len(values) > 3 else 1.0
    back = [float(v) for v in re.findall(r"[\d.]+", background)[:3]]
    blended = (alpha * f + (1 - alpha) * b for f, b in zip(values[:3], back, strict=True))
    return "rgb({:.0f}, {:.0f}, {:.0f})".format(*blended)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of (possibly translucent) text on its background."""
    lighter, darker = sorted((luminance(blend(foreground, background)), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
