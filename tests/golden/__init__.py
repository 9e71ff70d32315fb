"""Golden files: committed session and game files with the results they must replay to.

Each file in tests/golden is replayed by tests/test_golden.py under the current rules and
its results compared with ``expected.json``; a change that moves any result fails there,
naming the file. When the change is meant (the model was retuned), bump
``game.MODEL_VERSION`` and regenerate the files and their results::

    python -m tests.golden regenerate

then read the diff of expected.json and explain it in the commit. See the README
(Contributing) and docs/MODEL.md.
"""
