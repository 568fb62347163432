"""Line charts drawn on the server as SVG, in GOV.UK colours, with a text alternative.

The charts are plain SVG so that they look the same in the browser and in the PDF (which runs
no JavaScript). Each chart is a picture of a table that the page shows next to it: the chart's
`summary` says in words what the line does, and the table holds every value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# GOV.UK Design System colours: blue for the figure, dark grey for its rolling average, with a
# dash as well as a colour so that the lines differ without colour.
BLUE = "#1d70b8"
DARK_GREY = "#505a5f"
MID_GREY = "#b1b4b6"

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]
    colour: str = BLUE
    dashed: bool = False


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class DrawnLine:
    name: str
    colour: str
    dashed: bool
    paths: list[str]
    dots: list[tuple[float, float]]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    labels: Sequence[str]
    lines: Sequence[Line]
    unit: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    drawn: list[DrawnLine] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    plot_top: int = TOP


def line_chart(id: str, title: str, labels: Sequence[str], lines: Sequence[Line], unit: str = "") -> Chart:
    values = [value for line in lines for value in line.values if value is not None]
    top = _nice_ceiling(max(values, default=0))
    x = _x_positions(len(labels))

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - (value / top) * (HEIGHT - BOTTOM - TOP), 1) if top else HEIGHT - BOTTOM

    drawn = [_draw(line, x, y) for line in lines]
    y_ticks = [Tick(y(top * step / 4), _tick_label(top * step / 4)) for step in range(5)]
    every = max(1, math.ceil(len(labels) / 8))  # no more than eight labels along the bottom
    x_ticks = [Tick(x[index], label) for index, label in enumerate(labels) if index % every == 0]
    return Chart(
        id, title, summarise(title, labels, lines, unit), labels, lines, unit,
        y_ticks=y_ticks, x_ticks=x_ticks, drawn=drawn,
    )  # fmt: skip


def summarise(title: str, labels: Sequence[str], lines: Sequence[Line], unit: str) -> str:
    """The chart in a sentence: where the main line started and ended, its highest and lowest."""
    if not lines or not labels:
        return f"{title}: there is nothing to show."
    main = [(label, value) for label, value in zip(labels, lines[0].values, strict=True) if value is not None]
    if not main:
        return f"{title}: no figure for any month shown."
    first, last = main[0], main[-1]
    high = max(main, key=lambda pair: pair[1])
    low = min(main, key=lambda pair: pair[1])
    direction = "rose" if last[1] > first[1] else "fell" if last[1] < first[1] else "was unchanged"
    return (
        f"{title}: {direction} from {_value(first[1], unit)} in {first[0]} to {_value(last[1], unit)} in "
        f"{last[0]}; highest {_value(high[1], unit)} ({high[0]}), lowest {_value(low[1], unit)} ({low[0]})."
    )


def _value(value: float, unit: str) -> str:
    if unit == "per cent":
        return f"{value:.1f}%"
    return f"{value:,.1f}".removesuffix(".0")


def _x_positions(count: int) -> list[float]:
    span = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + span / 2]
    return [round(LEFT + span * index / (count - 1), 1) for index in range(count)]


def _draw(line: Line, x: list[float], y: Callable[[float], float]) -> DrawnLine:
    paths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    dots: list[tuple[float, float]] = []
    for index, value in enumerate(line.values):
        if value is None:  # a gap: the line breaks rather than pretending to know
            if current:
                paths.append(current)
            current = []
            continue
        point = (x[index], y(value))
        current.append(point)
        dots.append(point)
    if current:
        paths.append(current)
    return DrawnLine(
        line.name,
        line.colour,
        line.dashed,
        [" ".join(f"{'M' if i == 0 else 'L'}{px},{py}" for i, (px, py) in enumerate(path)) for path in paths],
        dots,
    )


def _nice_ceiling(value: float) -> float:
    """A round number at or above `value` for the top of the axis: 1, 2, 2.5 or 5 times a power of 10."""
    if value <= 0:
        return 1
    power: float = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _tick_label(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")
