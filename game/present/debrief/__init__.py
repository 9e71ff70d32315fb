"""The debrief in words and pictures: sentences, matplotlib charts and the class's HTML report.

The measures come from :mod:`game.analysis.debrief` (frozen data); these modules only say
and draw them, the same in the window, the terminal, the command line and the report.

- ``text``: the debrief's sentences (names, money and shares worded by :mod:`game.present.fmt`)
- ``charts``: matplotlib figures (PNG bytes), Chinese labels with :mod:`game.present.fonts`
- ``report``: the class's self-contained HTML report
"""
