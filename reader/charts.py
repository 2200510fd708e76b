"""Layouts for the server-rendered charts: plain numbers and strings for templates, no HTML or queries."""

import dataclasses
import datetime
import math
from collections.abc import Mapping, Sequence

# Text in an SVG scales with it, so the connections chart is drawn for the sidebar at about 1:1
# (its viewBox as wide as the sidebar is in CSS pixels) and its labels are sized in those units.
NETWORK_WIDTH = 320
NETWORK_MARGIN = 4
NETWORK_RX = 66  # the ring of connected actors is an ellipse, taller than wide, so that the
NETWORK_RY = 92  # labels to its left and right have room
CENTRE_RADIUS = 12
NODE_MIN_RADIUS = 5
NODE_MAX_RADIUS = 12
LABEL_GAP = 5
FONT_SIZE = 13
LINE_HEIGHT = 15
SIDE_LABEL_LINES = 2  # labels beside a node wrap onto a second line; above or below, one

ELLIPSIS = "…"

# Rough advance widths in em of a sans-serif, to wrap and cut labels before they would run into
# each other or off the chart. No font is measured on the server; these err a little wide of
# DejaVu Sans, the widest of the usual system fonts.
_NARROW = frozenset(" .,;:'!|()[]ijlrtfI-")
_WIDE = frozenset("mwMW@%…")


def text_width(text, font_size=FONT_SIZE):
    """The approximate width of `text` set in a sans-serif at `font_size`."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.36
        elif char in _WIDE:
            em += 0.98
        elif char.isupper() or char.isdigit():
            em += 0.72
        else:
            em += 0.62
    return em * font_size


def truncate(text, max_width, font_size=FONT_SIZE):
    """`text`, cut short with an ellipsis if it is wider than `max_width`."""
    if text_width(text, font_size) <= max_width:
        return text
    while text and text_width(text + ELLIPSIS, font_size) > max_width:
        text = text[:-1]
    return text.rstrip(" ,;:-–") + ELLIPSIS


def wrap(text, max_width, max_lines, font_size=FONT_SIZE):
    """`text` on at most `max_lines` lines no wider than `max_width`; the last cut if need be."""
    words = text.split()
    lines = []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", font_size) <= max_width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = " ".join([lines[-1], *words])
    return tuple(truncate(line, max_width, font_size) for line in lines)


@dataclasses.dataclass(frozen=True)
class NetworkNode:
    """A connected actor: its circle, the line to the centre, and its label."""

    name: str
    href: str
    weight: int
    x: float
    y: float
    r: float
    stroke_width: float
    opacity: float
    lines: tuple[str, ...]
    label_x: float
    label_y: float  # the first line's baseline
    anchor: str  # SVG text-anchor: start, middle or end

    @property
    def truncated(self):
        return " ".join(self.lines) != self.name

    @property
    def label_box(self):
        """(left, top, right, bottom) of the label, approximately."""
        width = max(text_width(line) for line in self.lines)
        left = {
            "start": self.label_x,
            "middle": self.label_x - width / 2,
            "end": self.label_x - width,
        }[self.anchor]
        top = self.label_y - FONT_SIZE * 0.8
        bottom = self.label_y + (len(self.lines) - 1) * LINE_HEIGHT + FONT_SIZE * 0.25
        return (left, top, left + width, bottom)


@dataclasses.dataclass(frozen=True)
class Network:
    width: int
    height: int
    cx: float
    cy: float
    r: float
    nodes: tuple[NetworkNode, ...]
    font_size: int = FONT_SIZE
    line_height: int = LINE_HEIGHT

    @property
    def viewbox(self):
        return f"0 0 {self.width} {self.height}"


def connection_network(connections: Sequence[tuple[str, int, str]]) -> Network | None:
    """A radial layout: the centre, and around it each `(name, weight, href)`, strongest at the
    top and then clockwise.

    Line width and opacity and circle area grow with the weight (relative to the strongest).
    Labels sit outside the ring, beside their node on the left and right and above or below it
    at the top and bottom, so none runs into another or into a line; long names wrap or end in
    an ellipsis. None when there is nothing to draw.
    """
    if not connections:
        return None
    strongest = max(weight for _name, weight, _href in connections) or 1
    cx = NETWORK_WIDTH / 2
    nodes = []
    for index, (name, weight, href) in enumerate(connections):
        share = weight / strongest
        angle = -math.pi / 2 + 2 * math.pi * index / len(connections)
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + NETWORK_RX * cos, NETWORK_RY * sin  # y from the centre; shifted below
        r = NODE_MIN_RADIUS + (NODE_MAX_RADIUS - NODE_MIN_RADIUS) * math.sqrt(share)
        if abs(cos) < 0.2:  # at the top or the bottom: one line, centred above or below
            anchor, label_x = "middle", x
            lines = wrap(name, NETWORK_WIDTH - 2 * NETWORK_MARGIN, 1)
            if sin < 0:
                label_y = y - r - LABEL_GAP - FONT_SIZE * 0.25
            else:
                label_y = y + r + LABEL_GAP + FONT_SIZE * 0.8
        else:  # beside the node, away from the centre, centred on it vertically
            if cos > 0:
                anchor, label_x = "start", x + r + LABEL_GAP
                room = NETWORK_WIDTH - NETWORK_MARGIN - label_x
            else:
                anchor, label_x = "end", x - r - LABEL_GAP
                room = label_x - NETWORK_MARGIN
            lines = wrap(name, room, SIDE_LABEL_LINES)
            block = FONT_SIZE + (len(lines) - 1) * LINE_HEIGHT
            label_y = y - block / 2 + FONT_SIZE * 0.8
        nodes.append(
            NetworkNode(
                name=name,
                href=href,
                weight=weight,
                x=x,
                y=y,
                r=r,
                stroke_width=1 + 4 * share,
                opacity=0.3 + 0.7 * share,
                lines=lines,
                label_x=label_x,
                label_y=label_y,
                anchor=anchor,
            )
        )
    # Shift everything down so that the highest circle or label sits on the top margin.
    top = min(min(node.y - node.r, node.label_box[1]) for node in nodes)
    top = min(top, -CENTRE_RADIUS)
    bottom = max(max(node.y + node.r, node.label_box[3]) for node in nodes)
    bottom = max(bottom, CENTRE_RADIUS)
    shift = NETWORK_MARGIN - top
    nodes = [
        dataclasses.replace(
            node,
            x=round(node.x, 1),
            y=round(node.y + shift, 1),
            r=round(node.r, 1),
            stroke_width=round(node.stroke_width, 2),
            opacity=round(node.opacity, 2),
            label_x=round(node.label_x, 1),
            label_y=round(node.label_y + shift, 1),
        )
        for node in nodes
    ]
    return Network(
        width=NETWORK_WIDTH,
        height=math.ceil(bottom - top + 2 * NETWORK_MARGIN),
        cx=cx,
        cy=round(shift, 1),
        r=CENTRE_RADIUS,
        nodes=tuple(nodes),
    )


# Activity over time: bars per month, one row of bars per series, on a shared month axis.

MAX_MONTHS = 36
MIN_MONTHS = 12  # fewer would draw a few very wide bars; the months before are empty anyway
SLOT_WIDTH = 10  # viewBox units per month; the SVG is stretched to the width of the page
BAR_WIDTH = 7
CHART_HEIGHT = 40


@dataclasses.dataclass(frozen=True)
class Bar:
    month: datetime.date
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclasses.dataclass(frozen=True)
class Series:
    total: int  # in the months shown
    earlier: int  # in the months before those shown
    peak: int
    bars: tuple[Bar, ...]


@dataclasses.dataclass(frozen=True)
class Tick:
    """A month on the axis, and which parts of its name the axis prints."""

    month: datetime.date
    show_month: bool
    show_year: bool
    align: str  # start, center or end: the first and last labels stay inside the chart


@dataclasses.dataclass(frozen=True)
class Timeline:
    months: tuple[datetime.date, ...]
    series: dict[str, Series]
    ticks: tuple[Tick, ...]
    year_starts: tuple[int, ...]  # x of each January but the first month's
    earlier_months: int  # months before the first one shown
    width: int
    height: int = CHART_HEIGHT

    @property
    def first(self):
        return self.months[0]

    @property
    def last(self):
        return self.months[-1]

    @property
    def rows(self):
        """(month, value of each series) for every month shown: the chart as a table."""
        columns = [series.bars for series in self.series.values()]
        return [
            (month, tuple(bars[index].value for bars in columns))
            for index, month in enumerate(self.months)
        ]


def _month(day):
    day = day.date() if isinstance(day, datetime.datetime) else day
    return day.replace(day=1)


def _next_month(month):
    return month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)


def _previous_month(month):
    return (month - datetime.timedelta(days=1)).replace(day=1)


def _ticks(months):
    count = len(months)
    ticks = []
    labelled_year = False
    for index, month in enumerate(months):
        if count <= 8:
            show_month = True
        elif count <= 18:
            show_month = month.month in (1, 4, 7, 10)
        else:
            show_month = False
        if count <= 18:
            show_year = show_month and (month.month == 1 or not labelled_year)
        else:
            show_year = month.month == 1
        labelled_year = labelled_year or show_year
        if index <= 1 and (index == 0 or count > 18):
            align = "start"
        elif index >= count - 2 and (index == count - 1 or count > 18):
            align = "end"
        else:
            align = "center"
        ticks.append(Tick(month, show_month, show_year, align))
    return tuple(ticks)


def month_timeline(
    counts: Mapping[str, Mapping[datetime.date, int]],
    *,
    max_months=MAX_MONTHS,
    min_months=MIN_MONTHS,
) -> Timeline | None:
    """Bars for each series of `{month: count}`, on the months from the first to the last of any
    series, empty months included: only the last `max_months` if there are more, and if there
    are fewer than `min_months`, (empty) months before the first to make them up.

    Each series is scaled to its own busiest month. None when every series is empty.
    """
    counts = {
        key: {_month(month): value for month, value in series.items() if value}
        for key, series in counts.items()
    }
    every_month = [month for series in counts.values() for month in series]
    if not every_month:
        return None
    months = [min(every_month)]
    while months[-1] < max(every_month):
        months.append(_next_month(months[-1]))
    while len(months) < min_months:
        months.insert(0, _previous_month(months[0]))
    earlier_months = max(0, len(months) - max_months)
    months = months[earlier_months:]
    top = CHART_HEIGHT - 2  # room for the thickest bar's rounded top
    series = {}
    for key, values in counts.items():
        shown = [values.get(month, 0) for month in months]
        peak = max(shown, default=0)
        bars = []
        for index, (month, value) in enumerate(zip(months, shown, strict=True)):
            height = round(max(1.5, top * value / peak), 2) if value else 0
            bars.append(
                Bar(
                    month=month,
                    value=value,
                    x=index * SLOT_WIDTH + (SLOT_WIDTH - BAR_WIDTH) / 2,
                    y=round(CHART_HEIGHT - height, 2),
                    width=BAR_WIDTH,
                    height=height,
                )
            )
        series[key] = Series(
            total=sum(shown),
            earlier=sum(value for month, value in values.items() if month < months[0]),
            peak=peak,
            bars=tuple(bars),
        )
    return Timeline(
        months=tuple(months),
        series=series,
        ticks=_ticks(months),
        year_starts=tuple(
            index * SLOT_WIDTH for index, month in enumerate(months) if month.month == 1 and index
        ),
        earlier_months=earlier_months,
        width=len(months) * SLOT_WIDTH,
    )
