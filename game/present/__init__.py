"""What every front end shows, worded once: the layer between the rules and the screens.

The window (game/ui), the terminal (game/terminal) and the browser (game/web) sit
above this package side by side and never import each other; each asks the engine
and the session what is allowed and what will likely happen, and asks this package
how to say it, in English or Chinese.

- ``fmt``: money, numbers, percentages and lists (Babel, CLDR: 1,200万 / 1.23亿 / a, b, and c)
- ``columns``: text by display width (Chinese takes two columns) and line breaking
- ``reading``: numbers and prices typed by people (one reader, its refusals in both languages)
- ``words``: the game's things by name; how the score is made up; what a team can tell of a person; how one becomes a coach
- ``advice``: the likely effect of an action, why the engine refused one, risky bids, unspent days
- ``events``: what an event says (a team's news, the trainer's announcement, dashboard alerts)
- ``results``: a turn's results in words (each action's outcome and its changes, spec moves and their causes,
  rivals seen) and a bid's standing at the award
- ``fonts``: the CJK font every front end draws with, found one way
- ``debrief``: the debrief's sentences, charts and the class's HTML report
"""
