"""The chart of the themes view: items per theme, split by sentiment, as horizontal
stacked bars (the first theme at the top).

Colours are from the Okabe-Ito set, told apart with any colour vision; the dark theme
takes lighter ones of the same hues. A chart alone is not accessible: its accessible
description states every figure in words, and the same figures are in the sentiment
table beside it.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import QWidget

from sec_desktop.domain.engagement_enums import Sentiment
from sec_desktop.services.themes import UNCODED, ThemeCounts
from sec_desktop.ui.themes_model import SENTIMENTS, number, sentiment_text, term_name

_LIGHT: dict[Sentiment | None, str] = {
    Sentiment.POSITIVE: "#0072B2",  # blue
    Sentiment.NEGATIVE: "#D55E00",  # vermilion
    Sentiment.MIXED: "#E69F00",  # orange
    None: "#8C8C8C",  # grey
}
_DARK: dict[Sentiment | None, str] = {
    Sentiment.POSITIVE: "#56B4E9",  # sky blue
    Sentiment.NEGATIVE: "#FF7F3F",  # vermilion, lighter
    Sentiment.MIXED: "#F0E442",  # yellow
    None: "#B0B0B0",  # grey
}
MIN_HEIGHT = 320
# Each theme's bar needs a line of text beside it (or QtCharts cuts its name to "..."),
# plus room for the title, the value axis and the legend.
ROW_SPACE = 6
CHROME_HEIGHT = 150
BAR_WIDTH = 0.7


def bar_colours(dark: bool) -> dict[Sentiment | None, QColor]:
    return {s: QColor(c) for s, c in (_DARK if dark else _LIGHT).items()}


class ThemesChart(QChartView):
    # A bar was clicked: its theme id (or UNCODED) and sentiment (None: not recorded).
    bar_chosen = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("themesChart")
        self.setAccessibleName(self.tr("Chart: items per theme by sentiment"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader can reach it
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(MIN_HEIGHT)
        self.bar_sets: list[QBarSet] = []
        self.categories: list[str] = []
        self._theme_ids: list[int] = []
        self._description = ""
        self._counts: ThemeCounts | None = None
        self._built_hidden = False
        self.set_counts(None)

    def set_counts(self, counts: ThemeCounts | None) -> None:
        self._counts = counts
        # Laid out while hidden (another tab), category names can stay elided to "...",
        # whatever the size later: built again when shown.
        self._built_hidden = not self.isVisible()
        chart = QChart()
        chart.setTitle(self.tr("Items per theme, by sentiment"))
        # At the top: in view whenever the bars are, even when the chart scrolls.
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.setMargins(QMargins(4, 4, 4, 4))
        self.bar_sets, self.categories, self._theme_ids = [], [], []
        if counts is not None and counts.total:
            self._fill(chart, counts)
        else:
            chart.legend().hide()
        self.setChart(chart)
        rows = max(1, len(self.categories))
        row_height = self.fontMetrics().lineSpacing() + ROW_SPACE
        self.setMinimumHeight(max(MIN_HEIGHT, rows * row_height + CHROME_HEIGHT))
        self._description = self._describe(counts)
        self.setAccessibleDescription(self._description)
        self.setToolTip(self._description if counts is not None and counts.total else "")
        self._apply_palette()

    def description(self) -> str:
        return self._description

    def _fill(self, chart: QChart, counts: ThemeCounts) -> None:
        themes = [t.id for t in counts.themes]
        if counts.theme_total(UNCODED):
            themes.append(UNCODED)
        # Bars are drawn from the bottom up: reversed, the first theme is at the top.
        themes.reverse()
        self._theme_ids = themes
        self.categories = [term_name(t, counts.themes, self.tr("No theme")) for t in themes]
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(BAR_WIDTH)
        for sentiment in SENTIMENTS:
            bar_set = QBarSet(sentiment_text(sentiment))
            bar_set.append([float(counts.sentiment(t, sentiment)) for t in themes])
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        series.clicked.connect(self._clicked)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(self.categories)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setTitleText(self.tr("Items"))
        values.setRange(0, max(counts.theme_total(t) for t in themes) or 1)
        values.applyNiceNumbers()
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)

    def _clicked(self, index: int, bar_set: QBarSet) -> None:
        if bar_set in self.bar_sets and 0 <= index < len(self._theme_ids):
            sentiment = SENTIMENTS[self.bar_sets.index(bar_set)]
            self.bar_chosen.emit(self._theme_ids[index], sentiment)

    def _describe(self, counts: ThemeCounts | None) -> str:
        if counts is None:
            return self.tr("No figures yet.")
        if not counts.total:
            return self.tr("No feedback items in this period.")
        parts = [self.tr("Items per theme by sentiment.")]
        themes = [t.id for t in counts.themes]
        if counts.theme_total(UNCODED):
            themes.append(UNCODED)
        for theme in themes:
            split = ", ".join(
                self.tr("{count} {sentiment}").format(
                    count=number(counts.sentiment(theme, s)), sentiment=sentiment_text(s).lower()
                )
                for s in SENTIMENTS
            )
            parts.append(
                self.tr("{theme}: {total} items ({split}).").format(
                    theme=term_name(theme, counts.themes, self.tr("No theme")),
                    total=number(counts.theme_total(theme)),
                    split=split,
                )
            )
        return " ".join(parts)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._built_hidden:
            self.set_counts(self._counts)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    def _apply_palette(self) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightness() < text.lightness()
        chart = self.chart()
        chart.setBackgroundBrush(window)
        chart.setTitleBrush(text)
        title = QFont(self.font())
        title.setBold(True)
        chart.setTitleFont(title)
        chart.legend().setLabelColor(text)
        chart.legend().setFont(self.font())
        grid = palette.color(QPalette.ColorRole.Mid)
        for axis in chart.axes():
            axis.setLabelsBrush(text)
            axis.setLabelsFont(self.font())
            axis.setTitleBrush(text)
            axis.setLinePenColor(grid)
            axis.setGridLineColor(grid)
        colours = bar_colours(dark)
        for sentiment, bar_set in zip(SENTIMENTS, self.bar_sets, strict=False):
            bar_set.setColor(colours[sentiment])
            bar_set.setBorderColor(window)
